package org.vesalius.dicom.net.ul;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.net.ul.pdu.AsyncOpsWindow;

/**
 * An acceptor's configuration: who it is, whom it admits and what it accepts. Built with
 * {@link #builder(String)}; every setting has a safe default.
 *
 * @param aeTitle                    our AE title; requests calling another are rejected with reason 7
 * @param acceptAnyCalledAeTitle     skip the called AE title check (a promiscuous test SCP)
 * @param transferCapabilities       per SOP Class (or {@link TransferCapability#ANY}) what we accept
 * @param policy                     admission by calling AE title, address, ...
 * @param identityVerifier           checks User Identity items
 * @param extendedNegotiator         answers SOP Class Extended Negotiation
 * @param asyncOpsWindow             the most we support, from the requestor's view (invoked by it,
 *                                   performed by it); proposals are lowered to this
 * @param maxAssociations            at most this many at once (0 = no limit); beyond: rejected-transient,
 *                                   local-limit-exceeded
 * @param maxAssociationsPerCallingAe at most this many at once from one calling AE title (0 = no limit)
 * @param options                    transport and timer settings
 */
public record ApplicationEntity(String aeTitle, boolean acceptAnyCalledAeTitle,
        List<TransferCapability> transferCapabilities, AssociationPolicy policy, UserIdentityVerifier identityVerifier,
        ExtendedNegotiator extendedNegotiator, AsyncOpsWindow asyncOpsWindow, int maxAssociations,
        int maxAssociationsPerCallingAe, AssociationOptions options) {

    public ApplicationEntity {
        AeTitles.check(aeTitle);
        transferCapabilities = List.copyOf(transferCapabilities);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(identityVerifier, "identityVerifier");
        Objects.requireNonNull(extendedNegotiator, "extendedNegotiator");
        Objects.requireNonNull(asyncOpsWindow, "asyncOpsWindow");
        Objects.requireNonNull(options, "options");
        if (maxAssociations < 0 || maxAssociationsPerCallingAe < 0) {
            throw new IllegalArgumentException("association limits must be >= 0");
        }
    }

    /** A builder for the AE titled {@code aeTitle}. */
    public static Builder builder(String aeTitle) {
        return new Builder(aeTitle);
    }

    /** The capability for a SOP Class, else the {@link TransferCapability#ANY} fallback, else null. */
    TransferCapability capabilityFor(String sopClass) {
        TransferCapability fallback = null;
        for (TransferCapability tc : transferCapabilities) {
            if (tc.sopClass().equals(sopClass)) {
                return tc;
            }
            if (fallback == null && TransferCapability.ANY.equals(tc.sopClass())) {
                fallback = tc;
            }
        }
        return fallback;
    }

    /** The capability listed for exactly this SOP Class, or null. */
    TransferCapability exactCapabilityFor(String sopClass) {
        for (TransferCapability tc : transferCapabilities) {
            if (tc.sopClass().equals(sopClass)) {
                return tc;
            }
        }
        return null;
    }

    /** Builds an {@link ApplicationEntity}. */
    public static final class Builder {
        private final String aeTitle;
        private boolean acceptAnyCalledAeTitle;
        private final List<TransferCapability> capabilities = new ArrayList<>();
        private AssociationPolicy policy = AssociationPolicy.admitAll();
        private UserIdentityVerifier identityVerifier = UserIdentityVerifier.acceptAll();
        private ExtendedNegotiator extendedNegotiator = ExtendedNegotiator.none();
        private AsyncOpsWindow asyncOpsWindow = AsyncOpsWindow.SYNCHRONOUS;
        private int maxAssociations;
        private int maxAssociationsPerCallingAe;
        private AssociationOptions options = AssociationOptions.DEFAULT;

        private Builder(String aeTitle) {
            this.aeTitle = aeTitle;
        }

        /** Adds what we accept for one SOP Class (or {@link TransferCapability#ANY}). */
        public Builder accept(TransferCapability capability) {
            capabilities.add(Objects.requireNonNull(capability));
            return this;
        }

        /** Shorthand: we are SCP for {@code sopClass} with these transfer syntaxes, most preferred first. */
        public Builder acceptScp(String sopClass, String... transferSyntaxes) {
            return accept(TransferCapability.scp(sopClass, transferSyntaxes));
        }

        public Builder acceptAnyCalledAeTitle(boolean any) {
            this.acceptAnyCalledAeTitle = any;
            return this;
        }

        public Builder policy(AssociationPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder identityVerifier(UserIdentityVerifier verifier) {
            this.identityVerifier = verifier;
            return this;
        }

        public Builder extendedNegotiator(ExtendedNegotiator negotiator) {
            this.extendedNegotiator = negotiator;
            return this;
        }

        public Builder asyncOpsWindow(AsyncOpsWindow window) {
            this.asyncOpsWindow = window;
            return this;
        }

        /** Limits concurrent associations in total and per calling AE title (0 = no limit). */
        public Builder maxAssociations(int total, int perCallingAe) {
            this.maxAssociations = total;
            this.maxAssociationsPerCallingAe = perCallingAe;
            return this;
        }

        public Builder options(AssociationOptions options) {
            this.options = options;
            return this;
        }

        public ApplicationEntity build() {
            return new ApplicationEntity(aeTitle, acceptAnyCalledAeTitle, capabilities, policy, identityVerifier,
                    extendedNegotiator, asyncOpsWindow, maxAssociations, maxAssociationsPerCallingAe, options);
        }
    }
}
