package org.vesalius.vna.archive.api.failure;

/** The request contradicts what the archive holds: {@link FailureKind#CONFLICT}. */
public non-sealed class ConflictException extends ArchiveException {

    private static final long serialVersionUID = 1L;

    /** With what went wrong, in words the caller can act on. */
    public ConflictException(String message) {
        super(message, null);
    }

    /** As {@link #ConflictException(String)}, keeping the cause for the log. */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final FailureKind kind() {
        return FailureKind.CONFLICT;
    }
}
