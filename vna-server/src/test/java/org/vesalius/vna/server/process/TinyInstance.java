package org.vesalius.vna.server.process;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * A tiny Secondary Capture instance (8 x 8 pixels, 8 bits), alone in series {@code <study>.1} as
 * {@code <study>.1.1}: for the tests of what goes around the pixels (who may store and read it,
 * what the audit trail says of it, whose patient it is), and its STOW-RS.
 */
public final class TinyInstance {

    private TinyInstance() {
    }

    /** Its data set, for a test to add to before {@link #part10(Dataset)}. */
    public static Dataset dataset(String study, String patientId, String patientName) {
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tags.SOPInstanceUID, VR.UI, study + ".1.1");
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        ds.setString(Tags.StudyDate, VR.DA, "20261207");
        ds.setString(Tags.Modality, VR.CS, "OT");
        ds.setString(Tags.PatientName, VR.PN, patientName);
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setInt(Tags.InstanceNumber, VR.IS, 1);
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.Rows, VR.US, 8);
        ds.setInt(Tags.Columns, VR.US, 8);
        ds.setInt(Tags.BitsAllocated, VR.US, 8);
        ds.setInt(Tags.BitsStored, VR.US, 8);
        ds.setInt(Tags.HighBit, VR.US, 7);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        ds.setBytes(Tags.PixelData, VR.OB, new byte[64]);
        return ds;
    }

    /** The instance of {@link #dataset} as a Part 10 file. */
    public static byte[] of(String study, String patientId, String patientName) throws IOException {
        return part10(dataset(study, patientId, patientName));
    }

    /** {@code ds} as a Part 10 file in Explicit VR Little Endian. */
    public static byte[] part10(Dataset ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        return out.toByteArray();
    }

    /** POST {@code /dicomweb/studies} of {@code server} with {@code part10} as the one part, with a bearer token unless null. */
    public static HttpResponse<String> stow(ServerProcess server, String token, byte[] part10) throws IOException, InterruptedException {
        String boundary = "tiny-" + System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.POST(HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(US_ASCII)),
                HttpRequest.BodyPublishers.ofByteArray(part10),
                HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(US_ASCII))));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
