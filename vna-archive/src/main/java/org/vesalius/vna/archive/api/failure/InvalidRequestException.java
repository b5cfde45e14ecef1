package org.vesalius.vna.archive.api.failure;

import java.util.Objects;

/**
 * The request cannot be run as asked: {@link FailureKind#INVALID_REQUEST}. Always names the
 * parameter at fault as the caller named it (a query parameter, a DICOM keyword, a header such
 * as {@code Range}, a path segment such as {@code study}), and says why; the message is
 * {@code "<parameter>: <reason>"}, e.g. {@code StudyDate: invalid range '2024-01-01': more than one '-'}.
 */
public non-sealed class InvalidRequestException extends ArchiveException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String reason;

    /**
     * @param parameter the parameter at fault, as the caller named it
     * @param reason    why it is refused
     */
    public InvalidRequestException(String parameter, String reason) {
        this(parameter, reason, null);
    }

    /** As {@link #InvalidRequestException(String, String)}, with the exception that revealed the problem. */
    public InvalidRequestException(String parameter, String reason, Throwable cause) {
        super(Objects.requireNonNull(parameter, "parameter") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.parameter = parameter;
        this.reason = reason;
    }

    /** The parameter at fault, as the caller named it. */
    public String parameter() {
        return parameter;
    }

    /** Why it is refused (the message without the parameter). */
    public String reason() {
        return reason;
    }

    @Override
    public final FailureKind kind() {
        return FailureKind.INVALID_REQUEST;
    }
}
