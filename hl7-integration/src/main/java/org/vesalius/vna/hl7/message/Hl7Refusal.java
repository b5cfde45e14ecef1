package org.vesalius.vna.hl7.message;

import ca.uhn.hl7v2.ErrorCode;
import java.util.Objects;

/**
 * A message the archive does not apply, and why, in HL7's own terms: the acknowledgement's MSA-1
 * (AE: the message is in error, AR: rejected — the sender should not send it again as it is) and
 * the ERR segment's HL7 table 0357 code.
 */
public final class Hl7Refusal extends RuntimeException {

    /** MSA-1 of a refusal. */
    public enum Kind {
        /** Application error (AE). */
        ERROR,
        /** Application reject (AR). */
        REJECT
    }

    private final Kind kind;
    private final ErrorCode code;

    public Hl7Refusal(Kind kind, ErrorCode code, String reason) {
        this(kind, code, reason, null);
    }

    public Hl7Refusal(Kind kind, ErrorCode code, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
    }

    public Kind kind() {
        return kind;
    }

    /** The HL7 table 0357 code (ERR-3), e.g. {@link ErrorCode#UNSUPPORTED_EVENT_CODE} (201). */
    public ErrorCode code() {
        return code;
    }
}
