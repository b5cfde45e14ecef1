package org.vesalius.vna.server.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;

/** STOW-RS bodies with large headers: empty sequence items (hostile), and an RT Structure Set's contours (legitimate). */
final class HostileHeaders {

    static final String BOUNDARY = "vesalius-header-amplification";
    static final String TYPE = "multipart/related; type=\"application/dicom\"; boundary=\"" + BOUNDARY + "\"";
    static final String RT_STRUCTURE_SET = "1.2.840.10008.5.1.4.1.1.481.3";
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    private HostileHeaders() {
    }

    static Dataset identity(String sopClass, String sop, String study) {
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tags.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tags.Modality, VR.CS, sopClass.equals(RT_STRUCTURE_SET) ? "RTSTRUCT" : "OT");
        ds.setString(Tags.PatientName, VR.PN, "Amplification^Test");
        ds.setString(Tags.PatientID, VR.LO, "HDR-AMP");
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        return ds;
    }

    static byte[] part10(Dataset ds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A one-part STOW-RS body whose instance ends in Content Sequence (0040,A730) holding
     * {@code items} empty items of defined length (8 bytes each), streamed, never held.
     */
    static InputStream emptyItemsBody(String sop, String study, long items) {
        byte[] head = part10(identity(SECONDARY_CAPTURE, sop, study));
        byte[] sequence = {0x40, 0x00, 0x30, (byte) 0xA7, 'S', 'Q', 0, 0, -1, -1, -1, -1};
        byte[] item = {-2, -1, 0x00, -32, 0, 0, 0, 0};
        byte[] delimiter = {-2, -1, -35, -32, 0, 0, 0, 0};
        return new SequenceInputStream(Collections.enumeration(List.of(
                ascii("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n"),
                new ByteArrayInputStream(head), new ByteArrayInputStream(sequence),
                new Repeated(item, items), new ByteArrayInputStream(delimiter),
                ascii("\r\n--" + BOUNDARY + "--\r\n"))));
    }

    /**
     * An RT Structure Set-like instance: {@code rois} ROI Contour items of {@code contours}
     * contours with {@code points} points each, every contour referencing an image.
     */
    static byte[] structureSet(String sop, String study, int rois, int contours, int points) {
        Dataset ds = identity(RT_STRUCTURE_SET, sop, study);
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < points; p++) {
            sb.append(p == 0 ? "" : "\\").append("-123.45\\67.89\\").append(-10 - p % 90).append(".5");
        }
        String data = sb.toString();
        Sequence roiContours = ds.newSequence(0x30060039, rois);
        for (int r = 0; r < rois; r++) {
            Dataset roi = roiContours.addItem();
            roi.setString(0x3006002A, VR.IS, "255\\0\\0");
            Sequence list = roi.newSequence(0x30060040, contours);
            for (int c = 0; c < contours; c++) {
                Dataset contour = list.addItem();
                Dataset image = contour.newSequence(0x30060016, 1).addItem();
                image.setString(Tags.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
                image.setString(Tags.ReferencedSOPInstanceUID, VR.UI, study + ".2." + c);
                contour.setString(0x30060042, VR.CS, "CLOSED_PLANAR");
                contour.setString(0x30060046, VR.IS, Integer.toString(points));
                contour.setString(0x30060048, VR.IS, Integer.toString(c + 1));
                contour.setString(0x30060050, VR.DS, data);
            }
            roi.setString(0x30060084, VR.IS, Integer.toString(r + 1));
        }
        return part10(ds);
    }

    /** A one-part STOW-RS body around {@code part10}. */
    static byte[] body(byte[] part10) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(part10.length + 200);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(part10);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static InputStream ascii(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code unit} {@code count} times. */
    private static final class Repeated extends InputStream {
        private final byte[] unit;
        private long remaining;
        private int at;

        Repeated(byte[] unit, long count) {
            this.unit = unit;
            this.remaining = count * unit.length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                b[off + i] = unit[at];
                at = (at + 1) % unit.length;
            }
            remaining -= n;
            return n;
        }
    }
}
