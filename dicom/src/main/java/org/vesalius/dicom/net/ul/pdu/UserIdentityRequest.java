package org.vesalius.dicom.net.ul.pdu;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * User Identity sub-item of a request (PS3.7 D.3.3.7.1).
 *
 * @param type                      what the fields hold
 * @param positiveResponseRequested ask the acceptor to answer with a server response
 * @param primaryField              user name (UTF-8), Kerberos ticket, SAML assertion or JSON Web Token
 * @param secondaryField            the passcode (UTF-8) for {@link Type#USERNAME_AND_PASSCODE}, else empty
 */
public record UserIdentityRequest(Type type, boolean positiveResponseRequested, byte[] primaryField, byte[] secondaryField) {

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
        if (primaryField.length > 0xFFFF || secondaryField.length > 0xFFFF) {
            throw new IllegalArgumentException("user identity fields are limited to 65535 bytes");
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
