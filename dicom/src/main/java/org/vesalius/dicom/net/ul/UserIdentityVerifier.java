package org.vesalius.dicom.net.ul;

import java.net.SocketAddress;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.dicom.net.ul.pdu.UserIdentityResponse;

/**
 * Checks the User Identity a requestor sent (PS3.7 D.3.3.7). A refused identity rejects the
 * association with (1, 1, 1) no-reason-given.
 */
@FunctionalInterface
public interface UserIdentityVerifier {

    /** The outcome: accepted (with the server response to return if one was requested) or not. */
    record Verdict(boolean accepted, UserIdentityResponse serverResponse) {

        /** Accepted; an empty server response if one was requested. */
        public static Verdict accept() {
            return new Verdict(true, UserIdentityResponse.EMPTY);
        }

        /** Accepted with a server response (Kerberos, SAML or JWT). */
        public static Verdict accept(byte[] serverResponse) {
            return new Verdict(true, new UserIdentityResponse(serverResponse));
        }

        /** Refused. */
        public static Verdict reject() {
            return new Verdict(false, null);
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
