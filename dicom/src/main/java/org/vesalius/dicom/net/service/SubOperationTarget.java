package org.vesalius.dicom.net.service;

import java.io.IOException;
import org.vesalius.dicom.net.dimse.DicomStatus;

/** Where the C-STORE sub-operations of a retrieve go: the C-MOVE destination, or back on the C-GET association. */
interface SubOperationTarget extends AutoCloseable {

    /**
     * Sends one instance and returns the C-STORE response's status.
     *
     * @throws IOException when it could not be sent (no context, source unreadable, association
     *                     lost, no response in time): a failed sub-operation
     */
    DicomStatus store(OutgoingInstance instance) throws IOException;

    /** Ends what the target opened (the C-MOVE sub-association). */
    @Override
    void close();
}
