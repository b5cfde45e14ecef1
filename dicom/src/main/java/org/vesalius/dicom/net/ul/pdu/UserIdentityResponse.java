package org.vesalius.dicom.net.ul.pdu;

import java.util.Arrays;

/**
 * User Identity sub-item of an accept (PS3.7 D.3.3.7.2): the server response, empty for user
 * name identities, a Kerberos server ticket, a SAML response or a JWT otherwise.
 *
 * @param serverResponse the response bytes
 */
public record UserIdentityResponse(byte[] serverResponse) {

    /** An empty server response. */
    public static final UserIdentityResponse EMPTY = new UserIdentityResponse(new byte[0]);

    public UserIdentityResponse {
        serverResponse = serverResponse.clone();
        if (serverResponse.length > 0xFFFF - 2) {
            throw new IllegalArgumentException("server response is limited to 65533 bytes (its sub-item's length counts its own)");
        }
    }

    @Override
    public byte[] serverResponse() {
        return serverResponse.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityResponse other && Arrays.equals(serverResponse, other.serverResponse);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serverResponse);
    }

    @Override
    public String toString() {
        return "UserIdentityResponse[" + serverResponse.length + " bytes]";
    }
}
