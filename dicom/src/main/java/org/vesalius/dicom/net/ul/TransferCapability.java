package org.vesalius.dicom.net.ul;

import java.util.List;
import java.util.Objects;

/**
 * What an acceptor accepts for one SOP Class: transfer syntaxes in <em>our</em> order of
 * preference (except on a context where the requestor takes only the SCP role, such as a C-GET
 * SCU receiving: there its order decides among those we accept), and the role we play. {@link #ANY} as SOP Class is the fallback for classes not
 * listed; {@link #ANY} in the transfer syntaxes accepts whatever is proposed (the proposer's
 * first choice).
 *
 * @param sopClass         SOP Class UID, or {@link #ANY}
 * @param transferSyntaxes transfer syntax UIDs, most preferred first; may contain {@link #ANY}
 * @param role             the role the acceptor plays for this class
 */
public record TransferCapability(String sopClass, List<String> transferSyntaxes, Role role) {

    /** Wildcard for SOP Class or transfer syntax. */
    public static final String ANY = "*";

    /** The role the local AE plays. */
    public enum Role {
        /** We perform operations (the default for an acceptor). */
        SCP,
        /** We invoke operations, e.g. C-STORE sub-operations of a C-GET on the requestor's association. */
        SCU,
        /** Either. */
        BOTH;

        boolean includesScp() {
            return this != SCU;
        }

        boolean includesScu() {
            return this != SCP;
        }
    }

    public TransferCapability {
        Objects.requireNonNull(sopClass, "sopClass");
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("at least one transfer syntax for " + sopClass);
        }
        Objects.requireNonNull(role, "role");
    }

    /** We act as SCP for {@code sopClass} with these transfer syntaxes, most preferred first. */
    public static TransferCapability scp(String sopClass, String... transferSyntaxes) {
        return new TransferCapability(sopClass, List.of(transferSyntaxes), Role.SCP);
    }

    /** We act as SCU for {@code sopClass} (the requestor being SCP). */
    public static TransferCapability scu(String sopClass, String... transferSyntaxes) {
        return new TransferCapability(sopClass, List.of(transferSyntaxes), Role.SCU);
    }

    /** The first proposed transfer syntax that we accept, or null if none is acceptable. */
    String selectInProposedOrder(List<String> proposed) {
        for (String ts : proposed) {
            if (transferSyntaxes.contains(ts) || transferSyntaxes.contains(ANY)) {
                return ts;
            }
        }
        return null;
    }

    /** Our most preferred transfer syntax among those proposed, or null if none is acceptable. */
    String select(List<String> proposed) {
        for (String ours : transferSyntaxes) {
            if (ANY.equals(ours)) {
                return proposed.isEmpty() ? null : proposed.get(0);
            }
            if (proposed.contains(ours)) {
                return ours;
            }
        }
        return null;
    }
}
