package org.vesalius.dicom.net.ul.pdu;

import java.util.Objects;

/**
 * The acceptor's answer to one proposed presentation context (PS3.8 9.3.3.2).
 *
 * @param id             the proposed context's ID
 * @param result         acceptance or the reason for rejection
 * @param transferSyntax the chosen transfer syntax UID; not significant unless accepted (may be empty)
 */
public record PresentationContextResult(int id, Result result, String transferSyntax) {

    /** Result/Reason field values (PS3.8 Table 9-18). */
    public enum Result {
        /** 0: acceptance. */
        ACCEPTANCE(0, "acceptance"),
        /** 1: user-rejection. */
        USER_REJECTION(1, "user-rejection"),
        /** 2: no-reason (provider rejection). */
        NO_REASON(2, "no-reason (provider rejection)"),
        /** 3: abstract-syntax-not-supported (provider rejection). */
        ABSTRACT_SYNTAX_NOT_SUPPORTED(3, "abstract-syntax-not-supported (provider rejection)"),
        /** 4: transfer-syntaxes-not-supported (provider rejection). */
        TRANSFER_SYNTAXES_NOT_SUPPORTED(4, "transfer-syntaxes-not-supported (provider rejection)");

        private final int code;
        private final String text;

        Result(int code, String text) {
            this.code = code;
            this.text = text;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }

        /** The result for a wire value; {@code null} when the value is not defined. */
        public static Result ofCode(int code) {
            return code >= 0 && code < values().length ? values()[code] : null;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public PresentationContextResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
    }

    /** True when the context was accepted. */
    public boolean isAccepted() {
        return result == Result.ACCEPTANCE;
    }
}
