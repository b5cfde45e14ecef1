package org.vesalius.dicom.net.service;

import java.util.Objects;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;

/**
 * The final response to a C-ECHO or C-STORE (and the end of a C-FIND): its status and the Error
 * Comment that came with it.
 *
 * @param status       (0000,0900)
 * @param errorComment (0000,0902), or null
 */
public record DimseResponse(DicomStatus status, String errorComment) {

    public DimseResponse {
        Objects.requireNonNull(status, "status");
    }

    /** True for success or warning: the operation was performed. */
    public boolean isSuccessOrWarning() {
        return status.isSuccessOrWarning();
    }

    static DimseResponse of(CommandSet response) {
        DicomStatus status = response.status();
        return new DimseResponse(status != null ? status : DicomStatus.PROCESSING_FAILURE, response.errorComment());
    }

    @Override
    public String toString() {
        return errorComment == null ? status.toString() : status + " (" + errorComment + ")";
    }
}
