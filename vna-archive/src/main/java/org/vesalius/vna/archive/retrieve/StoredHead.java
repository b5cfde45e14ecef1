package org.vesalius.vna.archive.retrieve;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * The head of a stored Part 10 object: its preamble, "DICM" and File Meta exactly as stored (the
 * prefix every response repeats), the transfer syntax, and how to read the data set that follows.
 * Splicing and frame lookup work on the data set alone, in its own coordinates: offset 0 is its
 * first byte, after inflation for a deflated one.
 */
final class StoredHead {

    private static final int PEEK = 8;

    /** Preamble, magic and File Meta, as stored. */
    final byte[] prefix;
    /** The File Meta, or null when the object has none. */
    final Dataset fileMeta;
    /** The transfer syntax of the data set as read (declared, corrected for a wrong VR flavour). */
    final TransferSyntax syntax;

    private StoredHead(byte[] prefix, Dataset fileMeta, TransferSyntax syntax) {
        this.prefix = prefix;
        this.fileMeta = fileMeta;
        this.syntax = syntax;
    }

    /**
     * Reads the head from {@code in}, leaving it at the first byte of the data set.
     *
     * @throws MalformedDicomException the head is not DICOM
     */
    static StoredHead read(PushbackInputStream in) throws IOException {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream(512);
        byte[] b = in.readNBytes(136);
        if (b.length >= 136 && isMagic(b, 128) && LittleEndian.uint16(b, 132) == 0x0002) {
            prefix.write(b, 0, 132);
            in.unread(b, 132, b.length - 132);
        } else if (b.length >= 4 && isMagic(b, 0)) {
            prefix.write(b, 0, 4);
            in.unread(b, 4, b.length - 4);
        } else {
            in.unread(b);
        }
        copyFileMeta(in, prefix);
        byte[] peek = in.readNBytes(PEEK);
        in.unread(peek);
        byte[] head = prefix.toByteArray();
        // The toolkit's reader decides the syntax as it would for the whole object (it looks at
        // the first data set element when the File Meta's claim does not fit).
        try (DicomStreamReader r = DicomStreamReader.open(new SequenceInputStream(new ByteArrayInputStream(head),
                new ByteArrayInputStream(peek)), ReadOptions.DEFAULT.withStopBefore(h -> true))) {
            return new StoredHead(head, r.fileMeta(), r.transferSyntax());
        }
    }

    /** The syntax to parse the data set bytes {@link #dataSet} gives with: deflated ones come inflated. */
    TransferSyntax readSyntax() {
        return syntax.deflated() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : syntax;
    }

    /** The data set bytes from {@code rawDataSet} (the stored bytes after the head): inflated when deflated. */
    InputStream dataSet(InputStream rawDataSet) throws IOException {
        if (!syntax.deflated()) {
            return rawDataSet;
        }
        BufferedInputStream rest = new BufferedInputStream(rawDataSet, 8192);
        rest.mark(2);
        int b0 = rest.read();
        int b1 = rest.read();
        rest.reset();
        // Some writers put a zlib header in front of what should be raw deflate (the reader copes too).
        boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        return new InflaterInputStream(rest, inflater, 8192) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end();
                }
            }
        };
    }

    /** Copies the group 0002 elements at the head of {@code in} to {@code out}. */
    private static void copyFileMeta(PushbackInputStream in, ByteArrayOutputStream out) throws IOException {
        while (true) {
            byte[] h = in.readNBytes(8);
            if (h.length < 8 || LittleEndian.uint16(h, 0) != 0x0002) {
                in.unread(h);
                return;
            }
            VR vr = VR.ofCode((h[4] & 0xFF) << 8 | (h[5] & 0xFF));
            long length;
            byte[] more = new byte[0];
            if (vr == null) {
                length = LittleEndian.int32(h, 4) & 0xFFFFFFFFL; // implicit VR File Meta, seen in the wild
            } else if (vr.hasLongHeader()) {
                more = in.readNBytes(4);
                if (more.length < 4) {
                    throw new MalformedDicomException("File Meta cut short", out.size(), 0x00020000);
                }
                length = LittleEndian.int32(more, 0) & 0xFFFFFFFFL;
            } else {
                length = LittleEndian.uint16(h, 6);
            }
            if (length > 1 << 20) {
                throw new MalformedDicomException("File Meta element of " + length + " bytes", out.size(), 0x00020000);
            }
            byte[] value = in.readNBytes((int) length);
            if (value.length < length) {
                throw new MalformedDicomException("File Meta cut short", out.size(), 0x00020000);
            }
            out.write(h);
            out.write(more);
            out.write(value);
        }
    }

    private static boolean isMagic(byte[] b, int at) {
        return b[at] == 'D' && b[at + 1] == 'I' && b[at + 2] == 'C' && b[at + 3] == 'M';
    }
}
