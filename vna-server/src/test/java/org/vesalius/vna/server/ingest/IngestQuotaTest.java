package org.vesalius.vna.server.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.dimse.DicomListener;

/**
 * {@code vna.ingest.quota.*} at the edges (issue 12, point 7): a calling AE beyond its quota gets
 * C-STORE A700 while another AE is stored; a STOW-RS client beyond its quota gets 503 with
 * {@code Retry-After}. The quota logic itself is tested in vna-archive ({@code IngestQuotasTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vna.ingest.quota.by-calling-ae.[LOOPING_CT].instances=2",
        "vna.ingest.quota.by-stow-client.[127.0.0.1].bytes=1B"})
class IngestQuotaTest {

    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    DicomListener listener;

    @Test
    void aCallingAeBeyondItsQuotaIsRefusedAsOutOfResourcesAndAnotherAeIsNot(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Path file = dir.resolve(i + ".dcm");
            Files.write(file, part10("1.2.826.0.1.3680043.2.1125.9." + i));
            files.add(file);
        }
        assertThat(store("LOOPING_CT", files.subList(0, 3))).containsExactly(0x0000, 0x0000, 0xA700);
        assertThat(store("OTHER_CT", files.subList(3, 4))).containsExactly(0x0000);
    }

    @Test
    void aStowClientBeyondItsQuotaGets503WithRetryAfter() throws Exception {
        HttpResponse<String> first = stow(part10("1.2.826.0.1.3680043.2.1125.8.1"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> second = stow(part10("1.2.826.0.1.3680043.2.1125.8.2"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(second.body()).as("Failure Reason A700, out of resources").contains("\"00081197\":{\"vr\":\"US\",\"Value\":[42752]}");
    }

    private List<Integer> store(String callingAe, List<Path> files) throws IOException {
        DimseClient scu = DimseClient.of(DicomClient.builder().build());
        AssociationRequest request = AssociationRequest.builder(callingAe, "VESALIUS")
                .propose(SECONDARY_CAPTURE, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()).build();
        List<Integer> statuses = new ArrayList<>();
        try (Association as = scu.connect("127.0.0.1", listener.port(), request)) {
            for (Path file : files) {
                statuses.add(scu.store(as, file).status().code());
            }
            as.release();
        }
        return statuses;
    }

    private HttpResponse<String> stow(byte[] part10) throws Exception {
        String boundary = "quota";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
        body.writeBytes(part10);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(ISO_8859_1));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] part10(String sop) throws IOException {
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, SECONDARY_CAPTURE);
        ds.setString(Tags.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.7");
        ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.7.1");
        ds.setString(Tags.PatientID, VR.LO, "QUOTA-1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        return out.toByteArray();
    }
}
