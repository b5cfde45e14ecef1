package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.OutputStream;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.ul.DataWriter;
import org.vesalius.dicom.net.ul.PresentationContext;

/** Invokes one C-STORE and waits for its response: for the SCU, and for C-MOVE and C-GET sub-operations. */
final class StoreOperation {

    private StoreOperation() {
    }

    static DimseResponse store(DimseChannel channel, PresentationContext pc, String sopClass, String sopInstance,
            DataWriter dataSet, Priority priority, String moveOriginatorAet, int moveOriginatorMessageId)
            throws IOException {
        long start = System.nanoTime();
        int id = channel.nextMessageId();
        CommandSet rq = CommandSet.storeRequest(id, sopClass, sopInstance, priority, moveOriginatorAet,
                moveOriginatorMessageId);
        long[] bytes = new long[1];
        DataWriter counted = out -> {
            CountingOutputStream counting = new CountingOutputStream(out);
            dataSet.writeTo(counting);
            bytes[0] = counting.count;
        };
        SingleResponse response = new SingleResponse();
        channel.request(pc.id(), rq, counted, response);
        DimseResponse r = response.await(channel, id, channel.options().responseTimeout(), "C-STORE-RSP");
        DimseLog.single(channel.association().toString(), "C-STORE", "to", sopClass, sopInstance, r.status(),
                r.errorComment(), bytes[0], start);
        return r;
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the P-DATA stream is closed by the association
        }
    }
}
