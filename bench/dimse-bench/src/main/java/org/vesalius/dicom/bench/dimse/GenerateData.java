package org.vesalius.dicom.bench.dimse;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * Writes {@code n} CT-like instances of one series (512 x 512 x 16 bit, about 512 KiB each,
 * Explicit VR Little Endian) into a directory: {@code GenerateData DIR N}.
 */
public final class GenerateData {

    private GenerateData() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        String root = "2.25.3141592653589793238462643383279";
        byte[] pixels = new byte[512 * 512 * 2];
        new Random(7).nextBytes(pixels); // incompressible, like noise in a real image
        for (int i = 1; i <= n; i++) {
            Dataset ds = new Dataset();
            ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
            ds.setString(Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
            ds.setString(Tags.SOPClassUID, VR.UI, UID.CTImageStorage);
            ds.setString(Tags.SOPInstanceUID, VR.UI, root + ".3." + i);
            ds.setString(Tags.StudyDate, VR.DA, "20240101");
            ds.setString(Tags.Modality, VR.CS, "CT");
            ds.setString(Tags.PatientName, VR.PN, "BENCH^DIMSE");
            ds.setString(Tags.PatientID, VR.LO, "BENCH1");
            ds.setString(Tags.StudyInstanceUID, VR.UI, root + ".1");
            ds.setString(Tags.SeriesInstanceUID, VR.UI, root + ".2");
            ds.setString(Tags.InstanceNumber, VR.IS, Integer.toString(i));
            ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
            ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            ds.setInt(Tags.Rows, VR.US, 512);
            ds.setInt(Tags.Columns, VR.US, 512);
            ds.setInt(Tags.BitsAllocated, VR.US, 16);
            ds.setInt(Tags.BitsStored, VR.US, 12);
            ds.setInt(Tags.HighBit, VR.US, 11);
            ds.setInt(Tags.PixelRepresentation, VR.US, 0);
            ds.setBytes(Tags.PixelData, VR.OW, pixels);
            Path file = dir.resolve(String.format("ct%04d.dcm", i));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out,
                        EncodingOptions.DEFAULT);
            }
        }
    }
}
