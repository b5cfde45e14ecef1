package org.vesalius.dicom.net.ul.pdu;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * User Identity sub-item of a request (PS3.7 D.3.3.7.1).
 *
 * @param type                      what the fields hold
 * @param positiveResponseRequested ask the acceptor to answer with a server response
 * @param primaryField              user name (UTF-8), Kerberos ticket, SAML assertion or JSON Web Token; not
 *                                  empty
 * @param secondaryField            the passcode (UTF-8) for {@link Type#USERNAME_AND_PASSCODE}, else empty;
 *                                  together with the primary field at most {@link #MAX_FIELDS_LENGTH} bytes
 */
public record UserIdentityRequest(Type type, boolean positiveResponseRequested, byte[] primaryField, byte[] secondaryField) {

    /**
     * The most bytes primary and secondary field may hold together: the sub-item's length is a
     * 2-byte field, and it also counts the type, the flag and the two field lengths.
     */
    public static final int MAX_FIELDS_LENGTH = 0xFFFF - 6;

    /** User-Identity-Type values. */
    public enum Type {
        /** 1: user name as a UTF-8 string. */
        USERNAME(1),
        /** 2: user name and passcode. */
        USERNAME_AND_PASSCODE(2),
        /** 3: Kerberos service ticket. */
        KERBEROS(3),
        /** 4: SAML assertion. */
        SAML(4),
        /** 5: JSON Web Token. */
        JWT(5);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }

        /** The type for a wire value; {@code null} when undefined. */
        public static Type ofCode(int code) {
            return code >= 1 && code <= values().length ? values()[code - 1] : null;
        }
    }

    public UserIdentityRequest {
        Objects.requireNonNull(type, "type");
        primaryField = primaryField.clone();
        secondaryField = secondaryField == null ? new byte[0] : secondaryField.clone();
        if (primaryField.length + secondaryField.length > MAX_FIELDS_LENGTH) {
            throw new IllegalArgumentException("user identity fields are limited to " + MAX_FIELDS_LENGTH + " bytes together");
        }
        if (primaryField.length == 0) {
            throw new IllegalArgumentException("the primary field (user name, ticket, assertion or token) is empty");
        }
    }

    /** Identity by user name only. */
    public static UserIdentityRequest username(String username, boolean positiveResponseRequested) {
        return new UserIdentityRequest(Type.USERNAME, positiveResponseRequested, utf8(username), null);
    }

    /** Identity by user name and passcode. */
    public static UserIdentityRequest usernameAndPasscode(String username, String passcode, boolean positiveResponseRequested) {
        return new UserIdentityRequest(Type.USERNAME_AND_PASSCODE, positiveResponseRequested, utf8(username), utf8(passcode));
    }

    /** Identity by Kerberos service ticket. */
    public static UserIdentityRequest kerberos(byte[] ticket, boolean positiveResponseRequested) {
        return new UserIdentityRequest(Type.KERBEROS, positiveResponseRequested, ticket, null);
    }

    /** Identity by SAML assertion. */
    public static UserIdentityRequest saml(String assertion, boolean positiveResponseRequested) {
        return new UserIdentityRequest(Type.SAML, positiveResponseRequested, utf8(assertion), null);
    }

    /** Identity by JSON Web Token. */
    public static UserIdentityRequest jwt(String token, boolean positiveResponseRequested) {
        return new UserIdentityRequest(Type.JWT, positiveResponseRequested, utf8(token), null);
    }

    @Override
    public byte[] primaryField() {
        return primaryField.clone();
    }

    @Override
    public byte[] secondaryField() {
        return secondaryField.clone();
    }

    /** The primary field read as UTF-8 (user name, SAML assertion, JWT). */
    public String primaryText() {
        return new String(primaryField, StandardCharsets.UTF_8);
    }

    /** The secondary field read as UTF-8 (passcode). */
    public String secondaryText() {
        return new String(secondaryField, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityRequest other && type == other.type
                && positiveResponseRequested == other.positiveResponseRequested
                && Arrays.equals(primaryField, other.primaryField) && Arrays.equals(secondaryField, other.secondaryField);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, positiveResponseRequested, Arrays.hashCode(primaryField), Arrays.hashCode(secondaryField));
    }

    /** Never shows the passcode or token. */
    @Override
    public String toString() {
        String who = type == Type.USERNAME || type == Type.USERNAME_AND_PASSCODE ? primaryText() : primaryField.length + " bytes";
        return "UserIdentityRequest[" + type + ", " + who + (positiveResponseRequested ? ", response requested" : "") + "]";
    }

    private static byte[] utf8(String s) {
        return Objects.requireNonNull(s).getBytes(StandardCharsets.UTF_8);
    }
}
