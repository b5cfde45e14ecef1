package org.vesalius.vna.archive.api.failure;

/** A policy of the archive does not allow the request for this caller: {@link FailureKind#REFUSED}. */
public non-sealed class RefusedException extends ArchiveException {

    private static final long serialVersionUID = 1L;

    /** With what went wrong, in words the caller can act on. */
    public RefusedException(String message) {
        super(message, null);
    }

    /** As {@link #RefusedException(String)}, keeping the cause for the log. */
    public RefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final FailureKind kind() {
        return FailureKind.REFUSED;
    }
}
