package org.vesalius.vna.archive.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;

/** Small DICOM objects built in code. */
public final class TestObjects {

    public static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    public static final String STUDY = "1.2.826.0.1.3680043.2.1125.1";
    public static final String SERIES = "1.2.826.0.1.3680043.2.1125.1.1";

    private TestObjects() {
    }

    /** A CT instance with {@code pixelBytes} bytes of native pixel data (a pattern, seeded). */
    public static Dataset ct(String sop, String patientId, String issuer, int pixelBytes, int seed) {
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPClassUID, VR.UI, CT);
        ds.setString(Tags.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.PatientName, VR.PN, "Test^Patient");
        if (patientId != null) {
            ds.setString(Tags.PatientID, VR.LO, patientId);
        }
        if (issuer != null) {
            ds.setString(Tags.IssuerOfPatientID, VR.LO, issuer);
        }
        ds.setString(Tags.StudyInstanceUID, VR.UI, STUDY);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, SERIES);
        ds.setInt(Tags.Rows, VR.US, 1);
        ds.setInt(Tags.Columns, VR.US, pixelBytes / 2);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        byte[] pixels = new byte[pixelBytes];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + seed);
        }
        ds.setBytes(Tags.PixelData, VR.OW, pixels);
        return ds;
    }

    public static byte[] part10(Dataset ds) {
        return part10(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    public static byte[] part10(Dataset ds, TransferSyntax syntax) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DicomWriter.writeFile(DicomFile.of(ds, syntax), out, EncodingOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The bare data set, as a C-STORE carries it. */
    public static byte[] dataSet(Dataset ds, TransferSyntax syntax) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DicomWriter.writeDataset(ds, syntax, out, EncodingOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
