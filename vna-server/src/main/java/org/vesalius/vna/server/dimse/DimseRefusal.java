package org.vesalius.vna.server.dimse;

import java.net.InetAddress;
import java.util.Set;

/**
 * An association or service the DIMSE access policy refused: what {@link DimseRefusalListener}s
 * hear. Values from the wire (the AE titles) are raw: escape them ({@code LogValue}) before logging.
 *
 * @param callingAeTitle the requestor's AE title, as sent
 * @param calledAeTitle  the AE title it called
 * @param peer           the address it connected from
 * @param reason         why
 * @param refusedRights  for {@link Reason#SERVICE_NOT_PERMITTED}, the rights its proposal needed and it lacks;
 *                       empty otherwise
 * @param user           the user its User Identity named (as sent, unverified for a failed one), or null
 */
public record DimseRefusal(String callingAeTitle, String calledAeTitle, InetAddress peer, Reason reason,
        Set<DimseRight> refusedRights, String user) {

    public DimseRefusal {
        refusedRights = Set.copyOf(refusedRights);
    }

    /** A refusal naming no user. */
    public DimseRefusal(String callingAeTitle, String calledAeTitle, InetAddress peer, Reason reason,
            Set<DimseRight> refusedRights) {
        this(callingAeTitle, calledAeTitle, peer, reason, refusedRights, null);
    }

    /** Why the policy refused. */
    public enum Reason {
        /** The calling AE title is not on the allow-list: A-ASSOCIATE-RJ (1, 1, 3). */
        CALLING_AE_NOT_ALLOWED,
        /** It is, but not from this address: A-ASSOCIATE-RJ (1, 1, 3). */
        NETWORK_NOT_ALLOWED,
        /** Admitted, but some proposed presentation contexts need rights it lacks: those are user-rejected. */
        SERVICE_NOT_PERMITTED,
        /** User Identity required and none sent: A-ASSOCIATE-RJ (1, 2, 1). */
        USER_IDENTITY_MISSING,
        /**
         * The User Identity did not verify (wrong password, unknown user, a token expired, forged,
         * of another issuer or audience, an identity type we cannot check): A-ASSOCIATE-RJ (1, 2, 1).
         */
        USER_NOT_AUTHENTICATED,
        /** It verified, but the user's roles allow nothing on DIMSE: A-ASSOCIATE-RJ (1, 2, 1). */
        USER_WITHOUT_RIGHTS
    }
}
