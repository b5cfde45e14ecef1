package org.vesalius.dicom.net.service;

/**
 * Follows a C-MOVE or C-GET as an SCU: called on the invoking thread with the counts of each
 * Pending response. Returning false asks the SCP to stop (C-CANCEL); the retrieve then ends with
 * the SCP's final response, normally FE00 Cancel with the remaining count.
 */
@FunctionalInterface
public interface RetrieveProgress {

    /** The counts of a Pending response; false to cancel the retrieve. */
    boolean onPending(SubOperations counts);

    /** Follows nothing, cancels nothing. */
    static RetrieveProgress none() {
        return counts -> true;
    }
}
