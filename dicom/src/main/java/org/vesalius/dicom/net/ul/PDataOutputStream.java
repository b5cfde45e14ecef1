package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;
import org.vesalius.dicom.net.ul.pdu.PDataTf;
import org.vesalius.dicom.net.ul.pdu.Pdv;

/**
 * Cuts a command or data set into P-DATA-TF PDUs of one PDV each, no longer than the peer accepts:
 * PDU length = 4 (PDV length) + 1 (context ID) + 1 (control header) + data. A full buffer is sent
 * only when more bytes follow, so {@link #close()} always has a fragment to mark as last.
 */
final class PDataOutputStream extends OutputStream {

    private static final int HEADER = 12; // PDU header (6) + PDV header (6)
    private static final int INITIAL_FRAGMENT = 4096;

    private final Transport transport;
    private final UpperLayer ul;
    private final int contextId;
    private final boolean command;
    /** The fragment size: what the peer accepts, rounded down to even. */
    private final int fragment;
    private byte[] buf;
    private int count;
    private boolean closed;

    /** @param maxPduLength the P-DATA-TF length limit to respect (the peer's, possibly lowered by ours) */
    PDataOutputStream(Transport transport, UpperLayer ul, int contextId, boolean command, long maxPduLength) {
        this.transport = transport;
        this.ul = ul;
        this.contextId = contextId;
        this.command = command;
        // Fragments of even length: a data set has even length, and receivers such as dcmtk
        // refuse an odd fragment, which an odd maximum PDU length would otherwise produce.
        this.fragment = (int) ((maxPduLength - 6) & ~1L);
        // Most messages are a command or a small identifier: start small, grow to a whole
        // fragment only for what needs it (a 1 MiB buffer per C-FIND match would be waste).
        this.buf = new byte[HEADER + Math.min(fragment, INITIAL_FRAGMENT)];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("P-DATA stream closed");
        }
        while (len > 0) {
            if (HEADER + count == buf.length) {
                if (count < fragment) {
                    buf = java.util.Arrays.copyOf(buf, HEADER + fragment);
                } else {
                    emit(false);
                }
            }
            int n = Math.min(len, buf.length - HEADER - count);
            System.arraycopy(b, off, buf, HEADER + count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Sends the final fragment with the last bit set. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            emit(true);
        }
    }

    private void emit(boolean last) throws IOException {
        ul.checkCanSend();
        long pduLength = 6L + count;
        buf[0] = (byte) PDataTf.TYPE;
        buf[1] = 0;
        put32(2, pduLength);
        put32(6, 2L + count);
        buf[10] = (byte) contextId;
        buf[11] = (byte) ((command ? Pdv.COMMAND_BIT : 0) | (last ? Pdv.LAST_BIT : 0));
        try {
            transport.write(buf, 0, HEADER + count);
        } catch (IOException e) {
            transport.close();
            throw ul.ended("connection lost while sending: " + e);
        }
        count = 0;
    }

    private void put32(int at, long v) {
        buf[at] = (byte) (v >> 24);
        buf[at + 1] = (byte) (v >> 16);
        buf[at + 2] = (byte) (v >> 8);
        buf[at + 3] = (byte) v;
    }
}
