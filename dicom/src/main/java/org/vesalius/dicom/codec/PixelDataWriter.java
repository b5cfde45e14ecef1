package org.vesalius.dicom.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.vesalius.dicom.data.Length;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * The Pixel Data element itself: its header read in the source encoding and written in the
 * target's, its native value copied in chunks (swapped by 16-bit word where one side is big
 * endian and the VR is OW), encapsulated fragments read one by one.
 */
final class PixelDataWriter {

    /** The header of the Pixel Data element as read: its VR (OW when implicit) and length. */
    record ElementStart(VR vr, long length) {
        boolean encapsulated() {
            return Length.isUndefined(length);
        }
    }

    private final TransferSyntax source;
    private final TransferSyntax target;
    private final OutputStream out;
    private VR targetVr;

    PixelDataWriter(TransferSyntax source, TransferSyntax target, OutputStream out) {
        this.source = source;
        this.target = target;
        this.out = out;
    }

    ElementStart readStart(InputStream in) throws IOException {
        byte[] h = in.readNBytes(8);
        if (h.length < 8) {
            throw new EOFException("data set ends inside the Pixel Data element header");
        }
        boolean big = source.bigEndian();
        if (!source.explicitVR()) {
            return new ElementStart(VR.OW, Length.fromField(LittleEndian.int32(h, 4)));
        }
        VR vr = VR.ofCode((h[4] & 0xFF) << 8 | (h[5] & 0xFF));
        if (vr == null) {
            throw new MalformedDicomException("Pixel Data without a valid VR", 0, Tag.PIXEL_DATA);
        }
        if (!vr.hasLongHeader()) {
            return new ElementStart(vr, big ? (h[6] & 0xFF) << 8 | (h[7] & 0xFF) : LittleEndian.uint16(h, 6));
        }
        byte[] l = in.readNBytes(4);
        if (l.length < 4) {
            throw new EOFException("data set ends inside the Pixel Data element header");
        }
        int field = big ? (l[0] & 0xFF) << 24 | (l[1] & 0xFF) << 16 | (l[2] & 0xFF) << 8 | (l[3] & 0xFF) : LittleEndian.int32(l, 0);
        return new ElementStart(vr, Length.fromField(field));
    }

    /** Copies a native value of {@code start.length()} bytes, converting its byte order where needed. */
    void copyNative(InputStream in, ElementStart start, PixelDescription d) throws IOException {
        // An explicit source keeps its VR; an implicit one has none, so Bits Allocated decides.
        VR vr = source.explicitVR() ? start.vr() : d.bitsAllocated() <= 8 ? VR.OB : VR.OW;
        // An odd length is padded to even, as the normalizing writer does with every value.
        boolean pad = (start.length() & 1) != 0;
        writeNativeHeader(vr, start.length() + (pad ? 1 : 0));
        boolean swap = (source.bigEndian() && start.vr() == VR.OW) != (target.bigEndian() && vr == VR.OW);
        byte[] chunk = new byte[Transcoder.chunk()];
        long left = start.length();
        while (left > 0) {
            int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, left));
            if (n == 0) {
                throw new EOFException("pixel data ends " + left + " bytes early");
            }
            if (swap) {
                LittleEndian.swap(chunk, 0, n - (n & 1), 2);
            }
            out.write(chunk, 0, n);
            left -= n;
        }
        if (pad) {
            out.write(0);
        }
    }

    /** Writes the Pixel Data header for a native value of {@code length} bytes. */
    void writeNativeHeader(VR vr, long length) throws IOException {
        targetVr = target.explicitVR() ? vr : VR.OW;
        boolean big = target.bigEndian();
        byte[] h = new byte[12];
        put16(h, 0, 0x7FE0, big);
        put16(h, 2, 0x0010, big);
        if (!target.explicitVR()) {
            put32(h, 4, length, big);
            out.write(h, 0, 8);
            return;
        }
        h[4] = (byte) (vr.code() >> 8);
        h[5] = (byte) vr.code();
        put32(h, 8, length, big);
        out.write(h, 0, 12);
    }

    /** Writes decoded native frame bytes (little endian), swapped by word for a big endian OW target. */
    void writeNativeValue(byte[] littleEndian, int bitsAllocated) throws IOException {
        if (target.bigEndian() && targetVr == VR.OW && bitsAllocated > 8) {
            byte[] copy = littleEndian.clone();
            LittleEndian.swap(copy, 0, copy.length - (copy.length & 1), 2);
            out.write(copy);
        } else {
            out.write(littleEndian);
        }
    }

    /** The next fragment's bytes, or null after the sequence delimiter (encapsulated data is little endian). */
    byte[] nextFragment(InputStream in) throws IOException {
        byte[] h = in.readNBytes(8);
        if (h.length == 0) {
            return null; // the delimiter is missing at the end of the input, as the reader tolerates
        }
        if (h.length < 8) {
            throw new EOFException("data set ends inside a fragment header");
        }
        int tag = LittleEndian.tag(h, 0);
        if (tag == Tag.SEQUENCE_DELIMITATION) {
            return null;
        }
        if (tag != Tag.ITEM) {
            throw new MalformedDicomException("expected a fragment item, found " + Tag.toString(tag), 0, Tag.PIXEL_DATA);
        }
        long length = LittleEndian.int32(h, 4) & 0xFFFFFFFFL;
        if (length > Integer.MAX_VALUE - 16) {
            throw new MalformedDicomException("fragment of " + length + " bytes", 0, Tag.PIXEL_DATA);
        }
        byte[] value = in.readNBytes((int) length);
        if (value.length < length) {
            throw new EOFException("fragment ends " + (length - value.length) + " bytes early");
        }
        return value;
    }

    private static void put16(byte[] b, int at, int v, boolean big) {
        if (big) {
            b[at] = (byte) (v >> 8);
            b[at + 1] = (byte) v;
        } else {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >> 8);
        }
    }

    private static void put32(byte[] b, int at, long v, boolean big) {
        if (big) {
            b[at] = (byte) (v >> 24);
            b[at + 1] = (byte) (v >> 16);
            b[at + 2] = (byte) (v >> 8);
            b[at + 3] = (byte) v;
        } else {
            LittleEndian.put(b, at, 4, v);
        }
    }
}
