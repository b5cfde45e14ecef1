package org.vesalius.dicom.net.service;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * What it takes to send a Part 10 file without loading it: SOP Class, SOP Instance and transfer
 * syntax, and where the data set starts, so that its bytes can be streamed as they are in the
 * file (deflated ones included).
 *
 * @param sopClassUid       the data set's (0008,0016), else (0002,0002)
 * @param sopInstanceUid    the data set's (0008,0018), else (0002,0003)
 * @param transferSyntaxUid from (0002,0010), else guessed from the data set's first bytes
 * @param dataSetOffset     the byte offset of the data set: after preamble, magic and File Meta
 * @param dataSetLength     the bytes from there to the end of the file
 */
record Part10Head(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, long dataSetOffset,
        long dataSetLength) {

    private static final int MAX_UID_VALUE = 1024;

    /** Reads the head of {@code file}: the File Meta and the data set up to (0008,0018). */
    static Part10Head read(Path file) throws IOException {
        String sopClass = null;
        String sopInstance = null;
        String syntax = null;
        long offset;
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] head = raw.readNBytes(132);
            int start = isMagic(head, 128) ? 132 : isMagic(head, 0) ? 4 : 0;
            InputStream in = new BufferedInputStream(
                    new SequenceInputStream(new ByteArrayInputStream(head, start, head.length - start), raw), 8192);
            long pos = start;
            byte[] h = new byte[12];
            while (in.readNBytes(h, 0, 8) == 8 && u16(h, 0) == 0x0002) {
                int element = u16(h, 2);
                long length;
                int headerLength = 8;
                VR vr = VR.ofCode((h[4] & 0xFF) << 8 | (h[5] & 0xFF));
                if (vr == null) {                      // an implicit VR meta group, seen in the wild
                    length = u32(h, 4);
                } else if (vr.hasLongHeader()) {
                    if (in.readNBytes(h, 8, 4) < 4) {
                        break;
                    }
                    length = u32(h, 8);
                    headerLength = 12;
                } else {
                    length = u16(h, 6);
                }
                if (length == 0xFFFFFFFFL) {
                    throw new MalformedDicomException("undefined length in the File Meta of " + file, pos,
                            0x00020000 | element);
                }
                if ((element == 0x0002 || element == 0x0003 || element == 0x0010) && length <= MAX_UID_VALUE) {
                    String value = uid(in.readNBytes((int) length));
                    switch (element) {
                        case 0x0002 -> sopClass = value;
                        case 0x0003 -> sopInstance = value;
                        default -> syntax = value;
                    }
                } else {
                    in.skipNBytes(length);
                }
                pos += headerLength + length;
            }
            offset = pos;
        }
        return fromDataSet(file, offset, sopClass, sopInstance, syntax);
    }

    /**
     * True when the data set is deflated and of odd length: PS3.5 A.5 asks for a trailing NUL
     * then (past the end of the deflate stream, so inflating ignores it), and receivers that want
     * fragments of even length refuse the data set without it.
     */
    boolean needsDeflatePadding() {
        return (dataSetLength & 1) == 1 && TransferSyntax.of(transferSyntaxUid).deflated();
    }

    /** The data set of {@code file} as a stream, padded if need be (see {@link #needsDeflatePadding()}). */
    InputStream openDataSet(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(dataSetOffset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return needsDeflatePadding() ? new SequenceInputStream(in, new ByteArrayInputStream(new byte[1])) : in;
    }

    /**
     * The UIDs as the data set states them, as dcmtk's storescu takes them: files in the wild
     * carry a Media Storage SOP Instance UID that differs from their SOP Instance UID, and the
     * command must name the instance the data set is. The File Meta's values stand in for absent
     * ones, and the reader's guess of the encoding for a missing transfer syntax.
     */
    private static Part10Head fromDataSet(Path file, long offset, String sopClass, String sopInstance, String syntax)
            throws IOException {
        ReadOptions options = ReadOptions.DEFAULT.withStopBefore(h -> Integer.compareUnsigned(h.tag(), 0x00080018) > 0);
        try (DicomStreamReader reader = DicomStreamReader.open(file, options)) {
            Dataset ds = DatasetBuilder.build(reader, new Dataset());
            String cls = ds.getString(0x00080016, "").isEmpty() ? sopClass : ds.getString(0x00080016);
            String inst = ds.getString(0x00080018, "").isEmpty() ? sopInstance : ds.getString(0x00080018);
            String ts = syntax == null || syntax.isEmpty() ? reader.transferSyntax().uid() : syntax;
            if (cls == null || inst == null) {
                throw new MalformedDicomException(file + " names no SOP Class or SOP Instance UID", offset, 0x00080016);
            }
            return new Part10Head(cls, inst, ts, offset, Files.size(file) - offset);
        }
    }

    private static boolean isMagic(byte[] b, int at) {
        return b.length >= at + 4 && b[at] == 'D' && b[at + 1] == 'I' && b[at + 2] == 'C' && b[at + 3] == 'M';
    }

    private static String uid(byte[] value) {
        int end = value.length;
        while (end > 0 && (value[end - 1] == 0 || value[end - 1] == ' ')) {
            end--;
        }
        return new String(value, 0, end, StandardCharsets.US_ASCII).trim();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
