package org.vesalius.vna.archive.api.failure;

/** More than the archive takes in one request: {@link FailureKind#TOO_LARGE}. */
public non-sealed class TooLargeException extends ArchiveException {

    private static final long serialVersionUID = 1L;

    /** With what went wrong, in words the caller can act on. */
    public TooLargeException(String message) {
        super(message, null);
    }

    /** As {@link #TooLargeException(String)}, keeping the cause for the log. */
    public TooLargeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final FailureKind kind() {
        return FailureKind.TOO_LARGE;
    }
}
