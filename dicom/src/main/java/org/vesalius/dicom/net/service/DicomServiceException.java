package org.vesalius.dicom.net.service;

import java.util.Objects;
import org.vesalius.dicom.net.dimse.DicomStatus;

/**
 * A DIMSE operation ends with a status other than success: handlers throw it to answer with that
 * status and Error Comment (0000,0902), and the SCU side throws it when the peer answered with a
 * failure while results were being consumed (for example a C-FIND that fails after some matches).
 *
 * <p>Unchecked, so that handlers can throw it from inside the lazy streams and iterators they
 * return.
 */
public class DicomServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient DicomStatus status;
    private final String errorComment;

    /** A failure with {@code status} and an Error Comment for the peer (may be null). */
    public DicomServiceException(DicomStatus status, String errorComment) {
        this(status, errorComment, null);
    }

    /** As {@link #DicomServiceException(DicomStatus, String)}, keeping the cause for the logs. */
    public DicomServiceException(DicomStatus status, String errorComment, Throwable cause) {
        super(Objects.requireNonNull(status, "status") + (errorComment == null ? "" : ": " + errorComment), cause);
        this.status = status;
        this.errorComment = errorComment;
    }

    /** The status to answer with (or that the peer answered with). */
    public DicomStatus status() {
        return status;
    }

    /** The Error Comment, or null. */
    public String errorComment() {
        return errorComment;
    }
}
