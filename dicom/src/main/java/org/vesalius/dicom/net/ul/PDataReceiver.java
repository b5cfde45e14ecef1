package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.AReleaseRp;
import org.vesalius.dicom.net.ul.pdu.AReleaseRq;
import org.vesalius.dicom.net.ul.pdu.PDataTf;
import org.vesalius.dicom.net.ul.pdu.Pdu;
import org.vesalius.dicom.net.ul.pdu.Pdv;

/**
 * Reads an established association's incoming PDUs, yielding PDV headers and streaming PDV data
 * straight from the connection (no PDU is buffered whole). Every other PDU, end of stream, and
 * every protocol error is fired into the {@link UpperLayer} as its event.
 */
final class PDataReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(PDataReceiver.class);

    /** A PDV item's header. */
    record PdvHeader(int contextId, boolean command, boolean last, long length) {
    }

    private final UpperLayer ul;
    private final PduReader reader;
    private final InputStream in;
    private final long receiveLimit;
    private final IntPredicate acceptedContext;
    private long pduLeft;
    private long pdvLeft;
    private boolean desynchronized;

    /**
     * @param receiveLimit    the P-DATA-TF length we advertised (or the hard cap)
     * @param acceptedContext which presentation context IDs were accepted
     */
    PDataReceiver(UpperLayer ul, PduReader reader, long receiveLimit, IntPredicate acceptedContext) {
        this.ul = ul;
        this.reader = reader;
        this.in = reader.input();
        this.receiveLimit = receiveLimit;
        this.acceptedContext = acceptedContext;
    }

    /** Data bytes left in the current PDV. */
    long pdvRemaining() {
        return pdvLeft;
    }

    /**
     * The next PDV header; or null after one PDU that delivers none (a control PDU, an ignored
     * P-DATA-TF, end of stream or a protocol error), whose event has been fired: the caller then
     * looks at the state.
     */
    PdvHeader next() {
        try {
            skipPdvData();
            if (pduLeft > 0) {
                return readPdvHeader();
            }
            if (desynchronized) {
                drainUntilClosed();
                return null;
            }
            PduReader.Header header = reader.readHeader();
            if (header == null) {
                ul.fire(Event.EVT17, null, "connection closed by peer");
                return null;
            }
            return handle(header);
        } catch (PduException e) {
            protocolError(e);
            return null;
        } catch (IOException e) {
            ul.fire(Event.EVT17, null, ul.transport().isClosed() ? "connection closed" : e.toString());
            return null;
        }
    }

    /**
     * Handles a PDU whose header was read elsewhere: the acceptor, waiting for A-ASSOCIATE-RQ,
     * passes on anything else it gets.
     */
    void handleUnexpected(PduReader.Header header) {
        try {
            handle(header);
        } catch (PduException e) {
            protocolError(e);
        } catch (IOException e) {
            ul.fire(Event.EVT17, null, ul.transport().isClosed() ? "connection closed" : e.toString());
        }
    }

    /** Reads data of the current PDV; -1 when it has none left. Failures are fired as Evt17 and rethrown as the association's end. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pdvLeft == 0) {
            return -1;
        }
        try {
            int n = in.read(b, off, (int) Math.min(len, pdvLeft));
            if (n < 0) {
                throw new IOException("connection closed inside a PDV");
            }
            pdvLeft -= n;
            return n;
        } catch (IOException e) {
            ul.fire(Event.EVT17, null, ul.transport().isClosed() ? "connection closed" : e.toString());
            throw ul.ended("connection lost");
        }
    }

    /**
     * A well-formed PDU broke the rules of P-DATA (for example a command fragment inside a data
     * set): Evt19, so A-ABORT from the service-provider, and stop parsing what follows.
     */
    void protocolError(PduException e) {
        LOG.debug("{}: protocol error: {}", ul.name(), e.getMessage());
        desynchronized = true;
        pduLeft = 0;
        pdvLeft = 0;
        ul.fire(Event.EVT19, e.toAbort(), e.getMessage());
    }

    private PdvHeader handle(PduReader.Header header) throws IOException {
        if (header.type() == PDataTf.TYPE) {
            return startPData(header);
        }
        fireControl(reader.readBody(header));
        return null;
    }

    private PdvHeader startPData(PduReader.Header header) throws IOException {
        if (header.length() > receiveLimit) {
            throw PduException.invalid("P-DATA-TF of " + header.length() + " bytes exceeds our maximum of " + receiveLimit);
        }
        Action action = ul.fire(Event.EVT10, AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU), "unexpected P-DATA-TF");
        if (action != Action.DT_2 && action != Action.AR_6) {
            reader.skipBody(header);
            return null;
        }
        pduLeft = header.length();
        return readPdvHeader();
    }

    private PdvHeader readPdvHeader() throws IOException {
        if (pduLeft < 6) {
            throw PduException.invalid("P-DATA-TF has " + pduLeft + " bytes left, too few for a PDV");
        }
        byte[] h = reader.readFully(6);
        long length = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        if (length < 2 || length + 4 > pduLeft) {
            throw PduException.invalid("PDV length " + length + " does not fit the " + pduLeft + " bytes left in the P-DATA-TF");
        }
        int contextId = h[4] & 0xFF;
        if (!acceptedContext.test(contextId)) {
            throw PduException.invalid("PDV for presentation context " + contextId + ", which is not accepted");
        }
        pduLeft -= length + 4;
        pdvLeft = length - 2;
        return new PdvHeader(contextId, (h[5] & Pdv.COMMAND_BIT) != 0, (h[5] & Pdv.LAST_BIT) != 0, pdvLeft);
    }

    private void skipPdvData() throws IOException {
        byte[] sink = null;
        while (pdvLeft > 0) {
            sink = sink != null ? sink : new byte[(int) Math.min(pdvLeft, 8192)];
            int n = in.read(sink, 0, (int) Math.min(sink.length, pdvLeft));
            if (n < 0) {
                throw new IOException("connection closed inside a PDV");
            }
            pdvLeft -= n;
        }
    }

    private void fireControl(Pdu pdu) {
        AAbort unexpected = AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU);
        switch (pdu) {
            case AAssociateRq rq -> ul.fire(Event.EVT6, unexpected, "unexpected A-ASSOCIATE-RQ");
            case AAssociateAc ac -> ul.fire(Event.EVT3, unexpected, "unexpected A-ASSOCIATE-AC");
            case AAssociateRj rj -> ul.fire(Event.EVT4, unexpected, "unexpected A-ASSOCIATE-RJ");
            case AReleaseRq rq -> ul.fire(Event.EVT12, unexpected, "A-RELEASE-RQ received");
            case AReleaseRp rp -> ul.fire(Event.EVT13, unexpected, "we asked");
            case AAbort abort -> ul.fire(Event.EVT16, abort, "A-ABORT received");
            case PDataTf data -> throw new IllegalStateException("P-DATA-TF is streamed");
        }
    }

    /** After a protocol error the byte stream cannot be parsed: wait for the peer to close (or ARTIM). */
    private void drainUntilClosed() throws IOException {
        byte[] sink = new byte[8192];
        while (in.read(sink) >= 0) {
            // discard
        }
        ul.fire(Event.EVT17, null, "connection closed by peer");
    }
}
