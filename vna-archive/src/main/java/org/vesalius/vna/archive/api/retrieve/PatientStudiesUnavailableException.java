package org.vesalius.vna.archive.api.retrieve;

import org.vesalius.vna.archive.api.failure.UnavailableException;

/**
 * The studies of a patient cannot be listed completely (no index to ask, or one that cannot
 * page through them all): refused rather than answered in part. An {@link UnavailableException}:
 * the same request may succeed once the index answers (C-MOVE/C-GET A701, HTTP 503).
 */
public class PatientStudiesUnavailableException extends UnavailableException {

    public PatientStudiesUnavailableException(String message) {
        super(message);
    }

    public PatientStudiesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
