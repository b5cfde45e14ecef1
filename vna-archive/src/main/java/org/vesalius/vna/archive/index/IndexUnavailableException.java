package org.vesalius.vna.archive.index;

import org.vesalius.vna.archive.api.failure.UnavailableException;

/**
 * The index cannot be reached or refused the request for reasons of its own (retryable). At an
 * edge it is an {@link UnavailableException} like any other.
 */
public class IndexUnavailableException extends UnavailableException {

    private static final long serialVersionUID = 1L;

    /** With what went wrong and the cause. */
    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
