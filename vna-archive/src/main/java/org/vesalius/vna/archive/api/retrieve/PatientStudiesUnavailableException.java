package org.vesalius.vna.archive.api.retrieve;

/**
 * The studies of a patient cannot be listed completely (no index to ask, or one that cannot
 * page through them all): refused rather than answered in part.
 */
public class PatientStudiesUnavailableException extends RuntimeException {

    public PatientStudiesUnavailableException(String message) {
        super(message);
    }

    public PatientStudiesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
