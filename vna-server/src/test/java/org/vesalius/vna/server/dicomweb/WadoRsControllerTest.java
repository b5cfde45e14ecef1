package org.vesalius.vna.server.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.dicomweb.MultipartReader;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * WADO-RS and WADO-URI over real HTTP, on a random port: the stored bytes come back, metadata is
 * gzipped for a client that accepts it and its bulk data URIs carry the port the client used,
 * problems are RFC 9457, CORS preflights pass for the configured origin, and a client that hangs
 * up in the middle of a 64 MB instance leaves no open file and no error in the log.
 */
// A whole server, not a web slice: a client hang-up mid-stream, open descriptors, gzip and CORS as Tomcat serves them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class WadoRsControllerTest {

    static final String ANY = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        root = ServerTestSupport.tempBlobRoot(registry);
        registry.add("vna.web.cors.allowed-origins", () -> "http://viewer.example");
    }

    @LocalServerPort
    int port;
    @Autowired
    IngestPort ingest;

    final HttpClient http = HttpClient.newHttpClient();

    InstanceRef store(InputStream part10) {
        IngestResult r = ingest.ingest(IngestRequest.part10(IngestSource.stow("test"), part10, null));
        assertThat(r).isInstanceOf(IngestResult.Stored.class);
        return ((IngestResult.Stored) r).instance().ref();
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String path(InstanceRef r) {
        return "/dicomweb/studies/" + r.studyInstanceUid() + "/series/" + r.seriesInstanceUid() + "/instances/" + r.sopInstanceUid();
    }

    @Test
    void anInstanceComesBackByteForByteThroughWadoRsAndWadoUri() throws Exception {
        byte[] bytes = TestObjects.part10(TestObjects.ct("1.2.840.99.1", "P1", "I", 2048, 3));
        InstanceRef ref = store(new ByteArrayInputStream(bytes));

        HttpResponse<byte[]> rs = get(path(ref), "Accept", ANY);
        HttpResponse<byte[]> uri = get("/wado?requestType=WADO&studyUID=" + ref.studyInstanceUid() + "&seriesUID="
                + ref.seriesInstanceUid() + "&objectUID=" + ref.sopInstanceUid() + "&contentType=application/dicom");

        assertThat(rs.statusCode()).isEqualTo(200);
        String boundary = org.vesalius.vna.archive.dicomweb.MediaType.parse(rs.headers().firstValue("Content-Type").orElseThrow())
                .orElseThrow().parameter("boundary").orElseThrow();
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(rs.body()), boundary);
        MultipartReader.Part part = reader.next();
        assertThat(part.content().readAllBytes()).isEqualTo(bytes);
        assertThat(part.headers().get("content-location")).isEqualTo("http://127.0.0.1:" + port + path(ref));
        assertThat(reader.next()).isNull();
        assertThat(rs.headers().firstValue("ETag")).isPresent();
        assertThat(uri.statusCode()).isEqualTo(200);
        assertThat(uri.body()).isEqualTo(bytes);
        assertThat(uri.headers().firstValue("Content-Type")).hasValue("application/dicom");

        HttpResponse<byte[]> again = get(path(ref), "Accept", ANY, "If-None-Match", rs.headers().firstValue("ETag").orElseThrow());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void anInstanceAsStoredWholeOrARangeAndASeriesWithItsLength() throws Exception {
        org.vesalius.dicom.data.Dataset first = TestObjects.ct("1.2.840.99.5.1", "P1", "I", 300_000, 5);
        org.vesalius.dicom.data.Dataset second = TestObjects.ct("1.2.840.99.5.2", "P1", "I", 200_000, 6);
        for (org.vesalius.dicom.data.Dataset ds : List.of(first, second)) {
            ds.setString(org.vesalius.dicom.data.Tags.SeriesInstanceUID, org.vesalius.dicom.data.VR.UI, "1.2.840.99.5");
        }
        byte[] a = TestObjects.part10(first);
        byte[] b = TestObjects.part10(second);
        InstanceRef ref = store(new ByteArrayInputStream(a));
        store(new ByteArrayInputStream(b));

        // One instance as stored is a file the container may send itself (sendfile), whole or a range of it.
        HttpResponse<byte[]> whole = get(path(ref), "Accept", "application/dicom");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(a);
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(a.length);
        HttpResponse<byte[]> range = get(path(ref), "Accept", "application/dicom", "Range", "bytes=1000-250999");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(a, 1000, 251_000));

        // A series as stored has a Content-Length, cold and warm, and it is what is sent.
        String series = "/dicomweb/studies/" + ref.studyInstanceUid() + "/series/" + ref.seriesInstanceUid();
        for (int pass = 0; pass < 2; pass++) {
            HttpResponse<byte[]> r = get(series, "Accept", ANY);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
            String boundary = org.vesalius.vna.archive.dicomweb.MediaType.parse(r.headers().firstValue("Content-Type").orElseThrow())
                    .orElseThrow().parameter("boundary").orElseThrow();
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(r.body()), boundary);
            List<byte[]> parts = new java.util.ArrayList<>();
            for (MultipartReader.Part p = reader.next(); p != null; p = reader.next()) {
                parts.add(p.content().readAllBytes());
            }
            assertThat(parts).containsExactly(a, b);
        }
    }

    @Test
    void metadataIsGzippedJsonWithBulkDataUrisOnThePortTheClientUsed() throws Exception {
        InstanceRef ref = store(new ByteArrayInputStream(TestObjects.part10(TestObjects.ct("1.2.840.99.2", "P1", "I", 4096, 4))));
        String series = "/dicomweb/studies/" + ref.studyInstanceUid() + "/series/" + ref.seriesInstanceUid() + "/metadata";

        HttpResponse<byte[]> r = get(series, "Accept", "application/dicom+json", "Accept-Encoding", "gzip, deflate, br, zstd");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/dicom+json");
        JsonNode json;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            json = new ObjectMapper().readTree(in);
        }
        JsonNode mine = null;
        for (JsonNode instance : json) {
            if (instance.path("00080018").path("Value").path(0).asText().equals(ref.sopInstanceUid())) {
                mine = instance;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("7FE00010").path("BulkDataURI").asText())
                .isEqualTo("http://127.0.0.1:" + port + path(ref) + "/bulkdata/7FE00010");
    }

    @Test
    void problemsAreProblemDetails() throws Exception {
        HttpResponse<byte[]> missing = get("/dicomweb/studies/1.2.404", "Accept", ANY);
        HttpResponse<byte[]> badFrames = get("/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4/frames/x,1");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("1.2.404");
        assertThat(badFrames.statusCode()).isEqualTo(400);
    }

    @Test
    void aPreflightFromTheConfiguredOriginIsAllowed() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies/1.2/metadata"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://viewer.example")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "accept").build();
        HttpResponse<byte[]> ok = http.send(preflight, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> other = get("/dicomweb/studies/1.2.404", "Origin", "http://elsewhere.example");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://viewer.example");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.vesalius.vna.archive.ingest.IndexFeed indexFeed;

    @Test
    void aClientThatHangsUpMidStreamLeavesNoOpenFileAndNoErrorInTheLog(CapturedOutput output) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc (Linux)");
        InstanceRef ref = store(largeInstance(64 << 20));
        // This server's index is unreachable: let the background index writer find that out (and
        // say so in the log) before the log is watched, so only the retrieval is judged.
        for (int i = 0; i < 600 && !indexFeed.isSuspectedDown(); i++) {
            Thread.sleep(50);
        }
        get(path(ref) + "/metadata"); // warm up the code paths once
        int before = openDescriptors().size();
        int logStart = output.length();

        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path(ref) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + ANY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] some = s.getInputStream().readNBytes(256 * 1024);
            assertThat(new String(some, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            s.setSoLinger(true, 0); // reset, as a killed browser tab does
        }

        // Hang guard only: the server notices on its next write; what is checked is the end state.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((!blobFilesOpen().isEmpty() || openDescriptors().size() > before) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(blobFilesOpen()).isEmpty();
        assertThat(openDescriptors().size()).isLessThanOrEqualTo(before);
        String log = output.toString().substring(logStart);
        assertThat(log).doesNotContain(" ERROR ", " WARN ", "Exception", "\tat ");
    }

    /** A CT whose pixel data is {@code pixelBytes} of a pattern, generated as it is read (never in memory). */
    static InputStream largeInstance(int pixelBytes) {
        Dataset ds = TestObjects.ct("1.2.840.99.3", "P1", "I", 2, 5);
        ds.remove(org.vesalius.dicom.data.Tags.PixelData);
        byte[] head = TestObjects.part10(ds);
        byte[] pixelHeader = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0,
            (byte) pixelBytes, (byte) (pixelBytes >> 8), (byte) (pixelBytes >> 16), (byte) (pixelBytes >> 24)};
        InputStream pixels = new InputStream() {
            long left = pixelBytes;

            @Override
            public int read() {
                return left-- > 0 ? (int) (left & 0x7F) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ((left - i) & 0x7F);
                }
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head), new ByteArrayInputStream(pixelHeader)),
                pixels);
    }

    static List<Path> openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.toList();
        }
    }

    /** Descriptors of this process open on a file of the blob store. */
    static List<String> blobFilesOpen() throws IOException {
        String store = root.toRealPath().toString();
        return openDescriptors().stream().map(fd -> {
            try {
                return Files.readSymbolicLink(fd).toString();
            } catch (IOException e) {
                return "";
            }
        }).filter(target -> target.startsWith(store) && !target.endsWith(".vesalius-blobstore.lock")).toList();
    }

    @Test
    void renderedThumbnailAndTranscodedOverHttp() throws Exception {
        Dataset ct = TestObjects.ct("1.2.3.77", "P1", "I", 2 * 64 * 64, 3);
        ct.setInt(org.vesalius.dicom.data.Tags.Rows, org.vesalius.dicom.data.VR.US, 64);
        ct.setInt(org.vesalius.dicom.data.Tags.Columns, org.vesalius.dicom.data.VR.US, 64);
        InstanceRef ref = store(new ByteArrayInputStream(TestObjects.part10(ct)));
        String instance = "/dicomweb/studies/" + ref.studyInstanceUid() + "/series/" + ref.seriesInstanceUid() + "/instances/"
                + ref.sopInstanceUid();

        HttpResponse<byte[]> jpeg = get(instance + "/rendered?window=100,200,sigmoid&viewport=32,32");
        HttpResponse<byte[]> png = get(instance + "/frames/1/rendered", "Accept", "image/png");
        HttpResponse<byte[]> thumbnail = get("/dicomweb/studies/" + ref.studyInstanceUid() + "/thumbnail");
        HttpResponse<byte[]> uri = get("/wado?requestType=WADO&studyUID=" + ref.studyInstanceUid() + "&seriesUID="
                + ref.seriesInstanceUid() + "&objectUID=" + ref.sopInstanceUid() + "&columns=16");
        HttpResponse<byte[]> implicit = get(instance, "Accept", "application/dicom; transfer-syntax=1.2.840.10008.1.2");
        HttpResponse<byte[]> gif = get(instance + "/rendered", "Accept", "image/gif");
        HttpResponse<byte[]> badWindow = get(instance + "/rendered?window=x,1");

        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(jpeg.body())).getWidth()).isEqualTo(32);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(thumbnail.body())).getWidth()).isEqualTo(128);
        assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(uri.body())).getWidth()).isEqualTo(16);
        assertThat(implicit.statusCode()).isEqualTo(200);
        assertThat(implicit.headers().firstValue("Content-Type")).hasValue("application/dicom; transfer-syntax=1.2.840.10008.1.2");
        assertThat(new String(implicit.body(), 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        assertThat(gif.statusCode()).isEqualTo(406);
        assertThat(gif.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(badWindow.statusCode()).isEqualTo(400);
    }
}
