package org.vesalius.dicom.net.ul;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * Decodes PDUs from a stream. Every PDU length is checked against a hard cap before its body is
 * read, and bodies are read as they arrive, so a hostile length never allocates memory by itself.
 */
final class PduReader {

    /** The 6-byte PDU header: type and the length of what follows. */
    record Header(int type, long length) {
    }

    private final InputStream in;
    private final long maxPduLength;

    /**
     * @param in           the transport, ideally buffered
     * @param maxPduLength cap for the length field of any incoming PDU
     */
    PduReader(InputStream in, long maxPduLength) {
        this.in = in;
        this.maxPduLength = maxPduLength;
    }

    InputStream input() {
        return in;
    }

    /** Reads the next whole PDU; null on end of stream at a PDU boundary. */
    Pdu read() throws IOException {
        Header header = readHeader();
        return header == null ? null : readBody(header);
    }

    /** Reads a PDU header; null on end of stream before its first byte. */
    Header readHeader() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] rest = readFully(5);
        long length = ((rest[1] & 0xFFL) << 24) | ((rest[2] & 0xFF) << 16) | ((rest[3] & 0xFF) << 8) | (rest[4] & 0xFF);
        if (first < AAssociateRq.TYPE || first > AAbort.TYPE) {
            throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU, String.format("unrecognized PDU type 0x%02X", first));
        }
        if (length > maxPduLength) {
            throw PduException.invalid("PDU length " + length + " exceeds the limit of " + maxPduLength);
        }
        return new Header(first, length);
    }

    /** Reads and decodes the body that follows {@code header}. */
    Pdu readBody(Header header) throws IOException {
        byte[] body = readFully((int) header.length());
        ItemDecoder d = new ItemDecoder(body, 0, body.length);
        return switch (header.type()) {
            case AAssociateRq.TYPE -> AssociateCodec.decodeRq(d);
            case AAssociateAc.TYPE -> AssociateCodec.decodeAc(d);
            case AAssociateRj.TYPE -> decodeRj(fixed(d));
            case PDataTf.TYPE -> decodePData(d);
            case AReleaseRq.TYPE -> {
                fixed(d);
                yield new AReleaseRq();
            }
            case AReleaseRp.TYPE -> {
                fixed(d);
                yield new AReleaseRp();
            }
            case AAbort.TYPE -> decodeAbort(fixed(d));
            default -> throw new IllegalStateException("type checked in readHeader");
        };
    }

    /** Skips a body without decoding it. */
    void skipBody(Header header) throws IOException {
        long left = header.length();
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed inside a PDU");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** Reads exactly n bytes, growing the buffer only as data actually arrives. */
    byte[] readFully(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("connection closed inside a PDU (" + b.length + " of " + n + " bytes)");
        }
        return b;
    }

    /** The four bytes of a fixed-length PDU body; longer bodies are tolerated, shorter are invalid. */
    private static ItemDecoder fixed(ItemDecoder d) throws PduException {
        if (d.remaining() < 4) {
            throw PduException.invalid("PDU body of " + d.remaining() + " bytes, 4 expected");
        }
        return d;
    }

    private static AAssociateRj decodeRj(ItemDecoder d) throws PduException {
        d.skip(1);
        return new AAssociateRj(d.u8(), d.u8(), d.u8());
    }

    private static AAbort decodeAbort(ItemDecoder d) throws PduException {
        d.skip(2);
        return new AAbort(d.u8(), d.u8());
    }

    private static PDataTf decodePData(ItemDecoder d) throws PduException {
        List<Pdv> pdvs = new ArrayList<>();
        while (d.hasRemaining()) {
            long length = d.u32();
            if (length < 2 || length > d.remaining()) {
                throw PduException.invalid("PDV length " + length + " does not fit the PDU");
            }
            int contextId = d.u8();
            int header = d.u8();
            byte[] data = d.bytes((int) length - 2);
            pdvs.add(new Pdv(contextId, (header & Pdv.COMMAND_BIT) != 0, (header & Pdv.LAST_BIT) != 0, ByteBuffer.wrap(data)));
        }
        if (pdvs.isEmpty()) {
            throw PduException.invalid("P-DATA-TF without PDV");
        }
        return new PDataTf(pdvs);
    }
}
