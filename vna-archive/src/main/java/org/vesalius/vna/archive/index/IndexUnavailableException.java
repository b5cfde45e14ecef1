package org.vesalius.vna.archive.index;

/** The index cannot be reached or refused the request for reasons of its own (retryable). */
public class IndexUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With what went wrong and the cause. */
    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
