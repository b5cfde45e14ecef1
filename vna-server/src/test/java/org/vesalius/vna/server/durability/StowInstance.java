package org.vesalius.vna.server.durability;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.vna.server.process.ServerProcess;

/** An instance sent by STOW-RS, alone in its request: its UIDs and its Part 10 bytes. */
record StowInstance(String study, String series, String sop, byte[] part10) {

    /** A 12 MiB Secondary Capture instance (2048 x 3072 x 16 bits) of a study of its own. */
    static StowInstance large(int n) throws Exception {
        String study = "2.25.77" + n + "0" + System.nanoTime() % 1_000_000;
        String series = study + ".1";
        String sop = series + ".1";
        byte[] pixels = new byte[2048 * 3072 * 2];
        new Random(n).nextBytes(pixels);
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tags.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tags.StudyDate, VR.DA, "20260301");
        ds.setString(Tags.Modality, VR.CS, "OT");
        ds.setString(Tags.PatientName, VR.PN, "Outage^S3");
        ds.setString(Tags.PatientID, VR.LO, "S3-OUTAGE-" + n);
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series);
        ds.setInt(Tags.InstanceNumber, VR.IS, 1);
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.Rows, VR.US, 2048);
        ds.setInt(Tags.Columns, VR.US, 3072);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setInt(Tags.BitsStored, VR.US, 16);
        ds.setInt(Tags.HighBit, VR.US, 15);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        ds.setBytes(Tags.PixelData, VR.OW, pixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        return new StowInstance(study, series, sop, out.toByteArray());
    }

    /** POST /dicomweb/studies with this instance as the one part. */
    HttpResponse<String> send(ServerProcess server) throws Exception {
        String boundary = "s3-outage-" + System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(server.uri("/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(("--" + boundary
                                + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(US_ASCII)),
                        HttpRequest.BodyPublishers.ofByteArray(part10),
                        HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(US_ASCII))))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    /** The SOP Instance UIDs a Store Instances Response references (none for a problem body). */
    static List<String> referenced(HttpResponse<String> response) throws Exception {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/dicom+json")) {
            return List.of();
        }
        Dataset body = new DicomJsonReader().read(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        Sequence items = body.getSequence(Tags.ReferencedSOPSequence);
        List<String> sops = new ArrayList<>();
        if (items != null) {
            items.forEach(item -> sops.add(item.getString(Tags.ReferencedSOPInstanceUID)));
        }
        return sops;
    }

    /** The FailedSOPSequence of a Store Instances Response: SOP Instance UID to Failure Reason. */
    static Map<String, Integer> failureReasons(HttpResponse<String> response) throws Exception {
        Dataset body = new DicomJsonReader().read(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        Sequence items = body.getSequence(Tags.FailedSOPSequence);
        Map<String, Integer> reasons = new LinkedHashMap<>();
        if (items != null) {
            items.forEach(item -> reasons.put(item.getString(Tags.ReferencedSOPInstanceUID), item.getInt(Tags.FailureReason, -1)));
        }
        return reasons;
    }
}
