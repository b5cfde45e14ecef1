package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.PresentationContext;

/**
 * C-GET sub-operations: C-STOREs back to the requestor on the C-GET's own association, on a
 * context for the instance's SOP Class for which the requestor took the SCP role, in the
 * instance's transfer syntax or transcoded (see {@link OutgoingContexts}).
 */
final class GetSubOperations implements SubOperationTarget {

    private final DimseChannel channel;

    GetSubOperations(DimseChannel channel) {
        this.channel = channel;
    }

    @Override
    public DicomStatus store(OutgoingInstance instance) throws IOException {
        PresentationContext pc = OutgoingContexts.choose(channel.association(), instance);
        try (InputStream data = instance.dataSet().open()) {
            return StoreOperation.store(channel, pc, instance.sopClassUid(), instance.sopInstanceUid(),
                    OutgoingContexts.writer(data, instance, pc), Priority.MEDIUM, null, -1).status();
        }
    }

    @Override
    public void close() {
        // the association is the requestor's
    }
}
