package org.vesalius.vna.archive.api.failure;

/**
 * A failure the archive reports to an edge: always one of the seven kinds of
 * {@link FailureKind}, as one subclass each, so an edge maps it with one exhaustive
 * {@code switch} and a new kind cannot be forgotten. The message says what went wrong in words
 * a caller can act on; causes (I/O, Elasticsearch, S3) stay in the log.
 *
 * <p>The kinds are {@code non-sealed}: the archive's own failures extend them where a feature
 * needs to tell them apart internally (for example {@code index.IndexUnavailableException} is an
 * {@link UnavailableException}), and an edge still sees only the kind.
 */
public abstract sealed class ArchiveException extends RuntimeException
        permits NotFoundException, InvalidRequestException, ConflictException, UnavailableException,
        RefusedException, TooLargeException, UnsupportedException {

    private static final long serialVersionUID = 1L;

    ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Which kind of failure this is. */
    public abstract FailureKind kind();

    /** The kind's stable code, e.g. {@code VNA-NOT-FOUND}. */
    public final String code() {
        return kind().code();
    }
}
