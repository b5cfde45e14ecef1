package org.vesalius.vna.server.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.testsupport.samples.SharedSamples;

/** STOW-RS over real HTTP against the server on a random port, with a filesystem blob store in a temporary directory. */
// A whole server, not a web slice: streamed bodies, a half-closed socket and Connection: close exist only on a real connector.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StowControllerTest {

    private static final String B = "vesalius-test-boundary-7f3a";
    static final String TYPE = "multipart/related; type=\"application/dicom\"; boundary=\"" + B + "\"";
    private static final List<String> SAMPLES = List.of("pydicom/test_files/CT_small.dcm", "pydicom/test_files/JPEG2000.dcm",
            "pydicom/test_files/rtplan.dcm", "pydicom/test_files/test-SR.dcm", "pydicom/test_files/waveform_ecg.dcm",
            "pydicom/test_files/image_dfl.dcm", "pydicom/test_files/MR_small_RLE.dcm");

    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        root = ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void emptyStore() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(p -> !root.relativize(p).toString().startsWith("."))
                    .forEach(p -> p.toFile().delete());
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(".sha256")).forEach(p -> p.toFile().delete());
        }
    }

    static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("preamble, ignored\r\n".getBytes(ISO_8859_1));
        for (byte[] p : parts) {
            out.writeBytes(("--" + B + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
            out.writeBytes(p);
            out.writeBytes("\r\n".getBytes(ISO_8859_1));
        }
        out.writeBytes(("--" + B + "--\r\nepilogue").getBytes(ISO_8859_1));
        return out.toByteArray();
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static Dataset dicomJson(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/dicom+json");
        return new DicomJsonReader().read(response.body());
    }

    /** The instance files in the store, by SOP Instance UID file name. */
    List<Path> storedInstances() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    static Path sample(String name) {
        return SharedSamples.require(name);
    }

    @Test
    void severalSamplesInOneBodyAreStoredByteForByte() throws Exception {
        byte[][] parts = new byte[SAMPLES.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Files.readAllBytes(sample(SAMPLES.get(i)));
        }

        HttpResponse<String> response = post("/dicomweb/studies", TYPE, body(parts));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Sequence refs = dicomJson(response).getSequence(Tags.ReferencedSOPSequence);
        assertThat(refs).hasSize(parts.length);
        assertThat(refs.get(0).getString(Tags.RetrieveURL)).startsWith("http://127.0.0.1:" + port + "/dicomweb/studies/");
        List<Path> stored = storedInstances();
        assertThat(stored).hasSize(parts.length);
        for (byte[] part : parts) {
            assertThat(stored).anySatisfy(p -> assertThat(Files.readAllBytes(p)).isEqualTo(part));
        }
    }

    @Test
    void oneCorruptPartAmongGoodOnesIsListedWithAReason() throws Exception {
        byte[] good = Files.readAllBytes(sample("pydicom/test_files/CT_small.dcm"));
        byte[] other = Files.readAllBytes(sample("pydicom/test_files/rtplan.dcm"));
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(sample("pydicom/test_files/JPEG2000.dcm")), 3000);
        byte[] notDicom = "this part is plain text, not DICOM at all".repeat(5).getBytes(ISO_8859_1);

        HttpResponse<String> response = post("/dicomweb/studies", TYPE, body(good, truncated, other, notDicom));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Dataset result = dicomJson(response);
        assertThat(result.getSequence(Tags.ReferencedSOPSequence)).hasSize(2);
        Sequence failed = result.getSequence(Tags.FailedSOPSequence);
        assertThat(failed).hasSize(2).allSatisfy(i -> assertThat(i.getInt(Tags.FailureReason, -1)).isEqualTo(0xC000));
        assertThat(failed.get(0).getString(Tags.ReferencedSOPInstanceUID)).isNotEmpty();
        assertThat(response.headers().allValues("Warning")).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("299 vesalius \"part 2 (").contains("truncated"))
                .anySatisfy(w -> assertThat(w).contains("part 4: not a DICOM object"));
        assertThat(storedInstances()).hasSize(2);
    }

    @Test
    void aPartWithoutSopInstanceUidIsFailedWithTheReason() throws Exception {
        byte[] good = Files.readAllBytes(sample("pydicom/test_files/CT_small.dcm"));
        org.vesalius.dicom.io.DicomFile file = org.vesalius.dicom.io.DicomReader.read(
                sample("pydicom/test_files/MR_small.dcm"));
        Dataset noSop = file.dataset();
        noSop.remove(Tags.SOPInstanceUID);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        org.vesalius.dicom.io.DicomWriter.writeFile(org.vesalius.dicom.io.DicomFile.of(noSop,
                org.vesalius.dicom.io.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), bytes, org.vesalius.dicom.io.EncodingOptions.DEFAULT);

        HttpResponse<String> response = post("/dicomweb/studies", TYPE, body(good, bytes.toByteArray()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Sequence failed = dicomJson(response).getSequence(Tags.FailedSOPSequence);
        assertThat(failed).hasSize(1);
        assertThat(response.headers().allValues("Warning")).anySatisfy(w -> assertThat(w).contains("SOP Instance UID"));
        assertThat(storedInstances()).hasSize(1);
    }

    @Test
    void onlyBadPartsIs409AndLeavesNothing() throws Exception {
        HttpResponse<String> response = post("/dicomweb/studies", TYPE, body("not DICOM".repeat(30).getBytes(ISO_8859_1)));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(dicomJson(response).getSequence(Tags.FailedSOPSequence)).hasSize(1);
        assertThat(storedInstances()).isEmpty();
    }

    @Test
    void aWrongBoundaryIs400ProblemDetails() throws Exception {
        byte[] good = Files.readAllBytes(sample("pydicom/test_files/CT_small.dcm"));

        HttpResponse<String> response = post("/dicomweb/studies",
                "multipart/related; type=\"application/dicom\"; boundary=not-the-one", body(good));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":400", "boundary parameter does not match", "\"instance\":\"/dicomweb/studies\"");
        assertThat(storedInstances()).isEmpty();
    }

    @Test
    void otherMediaTypesAre415AndABadStudyUidIs400() throws Exception {
        byte[] good = Files.readAllBytes(sample("pydicom/test_files/CT_small.dcm"));

        assertThat(post("/dicomweb/studies", "application/dicom", good).statusCode()).isEqualTo(415);
        assertThat(post("/dicomweb/studies", "multipart/form-data; boundary=" + B, body(good)).statusCode()).isEqualTo(415);
        assertThat(post("/dicomweb/studies/not.a.uid", TYPE, body(good)).statusCode()).isEqualTo(400);
        HttpResponse<String> mismatch = post("/dicomweb/studies/1.2.3.4", TYPE, body(good));
        assertThat(mismatch.statusCode()).isEqualTo(409);
        assertThat(dicomJson(mismatch).getSequence(Tags.FailedSOPSequence).get(0).getInt(Tags.FailureReason, -1)).isEqualTo(0xA900);
        assertThat(storedInstances()).isEmpty();
    }

    @Test
    void aForgedHostHeaderDoesNotChooseTheLinksInTheAnswer() throws Exception {
        byte[] body = body(Files.readAllBytes(sample("pydicom/test_files/CT_small.dcm")));
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /dicomweb/studies HTTP/1.1\r\nHost: evil.example:666\r\nX-Forwarded-Host: evil.example\r\nContent-Type: "
                    + TYPE + "\r\nContent-Length: " + body.length + "\r\nAccept: application/dicom+json\r\nConnection: close\r\n\r\n")
                    .getBytes(ISO_8859_1));
            out.write(body);
            out.flush();
            response = new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
        }

        assertThat(response).startsWith("HTTP/1.1 200").doesNotContain("evil.example")
                .contains("http://127.0.0.1:" + port + "/dicomweb/studies/");
    }

    @Test
    void aFiveGigabyteContentLengthWithATinyBodyEndsCleanlyAndLeavesNothing() throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(sample("pydicom/test_files/CT_small.dcm")), 2000);
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        partial.writeBytes(("--" + B + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
        partial.writeBytes(head);
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /dicomweb/studies HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + TYPE
                    + "\r\nContent-Length: 5368709120\r\nAccept: application/dicom+json\r\n\r\n").getBytes(ISO_8859_1));
            out.write(partial.toByteArray());
            out.flush();
            socket.shutdownOutput(); // the sender goes quiet: the body ends far before its declared length
            InputStream in = socket.getInputStream();
            response = new String(in.readAllBytes(), ISO_8859_1); // the server closes the connection
        }

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).containsIgnoringCase("Connection: close").contains("application/problem+json");
        assertThat(storedInstances()).isEmpty();
        try (Stream<Path> staged = Files.list(root.resolve(".staging"))) {
            assertThat(staged.toList()).isEmpty();
        }
    }
}
