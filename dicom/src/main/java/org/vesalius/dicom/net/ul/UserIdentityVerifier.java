package org.vesalius.dicom.net.ul;

import java.net.SocketAddress;
import java.security.Principal;
import java.util.Objects;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.dicom.net.ul.pdu.UserIdentityResponse;

/**
 * Checks the User Identity a requestor sent (PS3.7 D.3.3.7), once per association, after the
 * {@link AssociationPolicy} admitted the requestor and before its presentation contexts are
 * negotiated. A refused identity rejects the association with {@link AAssociateRj#USER_IDENTITY_REFUSED}
 * (1, 2, 1: rejected-permanent, by the service-provider's ACSE function, no reason given), as
 * PS3.7 D.3.3.7 says for an authorisation failure. The user an accepted verdict names reaches
 * {@link AssociationPolicy#permits(AAssociateRq, SocketAddress, Principal, String, AssociationPolicy.RequestorRole)}
 * and the established {@link Association#user()}.
 */
@FunctionalInterface
public interface UserIdentityVerifier {

    /**
     * The outcome.
     *
     * @param accepted       whether the association may go on
     * @param serverResponse the User Identity server response to send when the requestor asked for
     *                       a positive response (PS3.7 D.3.3.7.2; empty for user name identities);
     *                       null to send none: the identity was not verified
     * @param user           who the identity proved the requestor to be; null when it proved nobody
     *                       (no identity, or one that was not verified)
     */
    record Verdict(boolean accepted, UserIdentityResponse serverResponse, Principal user) {

        public Verdict {
            if (!accepted && (serverResponse != null || user != null)) {
                throw new IllegalArgumentException("a refusal carries no server response and no user");
            }
        }

        /** Accepted; an empty server response if one was requested; no user established. */
        public static Verdict accept() {
            return new Verdict(true, UserIdentityResponse.EMPTY, null);
        }

        /** Accepted with a server response (Kerberos, SAML or JWT); no user established. */
        public static Verdict accept(byte[] serverResponse) {
            return new Verdict(true, new UserIdentityResponse(serverResponse), null);
        }

        /** Verified as {@code user}; an empty server response if one was requested. */
        public static Verdict verified(Principal user) {
            return new Verdict(true, UserIdentityResponse.EMPTY, Objects.requireNonNull(user, "user"));
        }

        /**
         * Accepted without verifying anything: no server response even if one was requested (a
         * positive response would claim a verification that did not happen), no user.
         */
        public static Verdict unverified() {
            return new Verdict(true, null, null);
        }

        /** Refused. */
        public static Verdict reject() {
            return new Verdict(false, null, null);
        }
    }

    /**
     * @param identity       what the requestor sent, or null when it sent no User Identity item
     * @param callingAeTitle the requestor's AE title
     * @param peer           where the connection comes from
     */
    Verdict verify(UserIdentityRequest identity, String callingAeTitle, SocketAddress peer);

    /** Accepts any identity, and no identity. */
    static UserIdentityVerifier acceptAll() {
        return (identity, calling, peer) -> Verdict.accept();
    }
}
