package org.vesalius.vna.archive.api.failure;

/** The archive holds no such study, series, instance, frame or patient: {@link FailureKind#NOT_FOUND}. */
public non-sealed class NotFoundException extends ArchiveException {

    private static final long serialVersionUID = 1L;

    /** With what went wrong, in words the caller can act on. */
    public NotFoundException(String message) {
        super(message, null);
    }

    /** As {@link #NotFoundException(String)}, keeping the cause for the log. */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final FailureKind kind() {
        return FailureKind.NOT_FOUND;
    }
}
