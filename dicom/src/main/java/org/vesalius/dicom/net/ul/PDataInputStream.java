package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import org.vesalius.dicom.net.ul.pdu.AAbort;

/**
 * A data set as it arrives in PDVs: ends after the fragment with the last bit, and fails with
 * {@link AssociationAbortedException} if the association ends first, so a half-received data set
 * can never pass for a complete one.
 */
final class PDataInputStream extends InputStream {

    private final PDataReceiver receiver;
    private final UpperLayer ul;
    private final int contextId;
    private boolean lastFragment;
    private boolean complete;
    private IOException failure;

    PDataInputStream(PDataReceiver receiver, UpperLayer ul, int contextId) {
        this.receiver = receiver;
        this.ul = ul;
        this.contextId = contextId;
    }

    /** True once the last fragment has been read to its end. */
    boolean isComplete() {
        return complete;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ensureData()) {
            return -1;
        }
        return receiver.read(b, off, len);
    }

    /** Reads and discards the rest of the data set. */
    void drain() throws IOException {
        byte[] sink = new byte[8192];
        while (read(sink, 0, sink.length) >= 0) {
            // discard
        }
    }

    @Override
    public void close() {
        // The association's reader drains what the handler left unread.
    }

    private boolean ensureData() throws IOException {
        if (failure != null) {
            throw failure;
        }
        while (receiver.pdvRemaining() == 0) {
            if (lastFragment) {
                complete = true;
                return false;
            }
            PDataReceiver.PdvHeader pdv = receiver.next();
            if (pdv == null) {
                State s = ul.state();
                if (s == State.STA6 || s == State.STA7) {
                    continue;
                }
                throw fail(ul.ended("association ended before the data set was complete"));
            }
            if (pdv.command() || pdv.contextId() != contextId) {
                receiver.protocolError(new PduException(AAbort.REASON_UNEXPECTED_PDU_PARAMETER,
                        "expected a data set fragment on context " + contextId + ", got " + pdv));
                throw fail(ul.ended("protocol error"));
            }
            lastFragment = pdv.last();
        }
        return true;
    }

    private IOException fail(IOException e) {
        failure = e;
        return e;
    }
}
