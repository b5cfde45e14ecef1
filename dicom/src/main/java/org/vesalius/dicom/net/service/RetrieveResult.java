package org.vesalius.dicom.net.service;

import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.net.dimse.DicomStatus;

/**
 * The outcome of a C-MOVE or C-GET: the final response's status, comment and counts, and the
 * Failed SOP Instance UID List (0008,0058) it carried.
 *
 * @param status                 0000 all sent, B000 some failed or warned, A702 all failed, FE00
 *                               cancelled, or a failure refusing the whole retrieve (A801, C000, ...)
 * @param errorComment           (0000,0902), or null
 * @param subOperations          the final counts (Remaining only after a cancel)
 * @param failedSopInstanceUids  what could not be sent, as the SCP listed it (may be empty even
 *                               when some failed: the list is optional for the SCP)
 */
public record RetrieveResult(DicomStatus status, String errorComment,
        SubOperations subOperations, List<String> failedSopInstanceUids) {

    public RetrieveResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subOperations, "subOperations");
        failedSopInstanceUids = List.copyOf(failedSopInstanceUids);
    }

    /** True when every sub-operation completed without failure or warning. */
    public boolean isSuccess() {
        return status.isSuccess();
    }
}
