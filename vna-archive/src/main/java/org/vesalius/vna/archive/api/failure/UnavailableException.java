package org.vesalius.vna.archive.api.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * A part of the archive cannot answer now (the index, the blob store): {@link FailureKind#UNAVAILABLE}.
 * Nothing is known to have changed; the same request may succeed later, after
 * {@link #retryAfter()} at the earliest (HTTP {@code Retry-After}).
 */
public non-sealed class UnavailableException extends ArchiveException {

    private static final long serialVersionUID = 1L;

    /** How long a caller waits before retrying when the failure does not know better. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    private final Duration retryAfter;

    /** With what is unavailable; retry after {@link #DEFAULT_RETRY_AFTER}. */
    public UnavailableException(String message) {
        this(message, DEFAULT_RETRY_AFTER, null);
    }

    /** As {@link #UnavailableException(String)}, keeping the cause for the log. */
    public UnavailableException(String message, Throwable cause) {
        this(message, DEFAULT_RETRY_AFTER, cause);
    }

    /**
     * @param message    what is unavailable
     * @param retryAfter how long to wait before retrying (positive)
     * @param cause      the failure behind it, for the log, or null
     */
    public UnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive: " + retryAfter);
        }
    }

    /** How long to wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public final FailureKind kind() {
        return FailureKind.UNAVAILABLE;
    }
}
