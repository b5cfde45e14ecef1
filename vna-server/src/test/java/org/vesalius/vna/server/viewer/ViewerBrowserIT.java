package org.vesalius.vna.server.viewer;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.vna.archive.dicomweb.ViewerAcceptHeaders;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.Prerequisites;

/**
 * The OHIF Viewer, served by this server under {@code /viewer/}, in headless Chromium (Debian's
 * {@code /usr/bin/chromium}, driven by {@code viewer/test/ohif-browser.mjs} through playwright-core):
 * a generated CT study stored by STOW-RS appears in OHIF's study list (QIDO-RS), and its CT series
 * opens and renders (WADO-RS metadata and frames): the viewport canvas is not blank. Then every
 * Accept header the browser sent must be in the fixture {@code ohif-accept-headers.tsv}, and every
 * fixture row, replayed against the loaded study, must be negotiated (never 406). Last, the same
 * viewer served from another origin (a static server of the browser script) reads the archive
 * through CORS ({@code vna.web.cors.allowed-origins} names that origin).
 *
 * <p>Needs the test Elasticsearch, the viewer ({@code vna.test.viewer.app}: {@code ./vna test} runs
 * {@code ./vna viewer-install} and passes it), Node.js with {@code viewer/node_modules} and
 * Chromium; skipped, saying which is missing, without them. Kept in
 * {@code target/viewer-it/}: the screenshots ({@code study-list.png}, {@code viewer.png},
 * {@code viewport.png}), the network log ({@code requests.json}), the page's console and the
 * script's output.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewerBrowserIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final String VIEWER = System.getProperty("vna.test.viewer.app", "");
    static final String CHROMIUM = System.getProperty("vna.test.chromium", "/usr/bin/chromium");
    static final String PREFIX = "vnaviewer-" + UUID.randomUUID().toString().substring(0, 8);
    /** Where the browser script serves the viewer for the cross-origin case. */
    static final int OTHER_ORIGIN_PORT = freePort();
    static final String OTHER_ORIGIN = "http://127.0.0.1:" + OTHER_ORIGIN_PORT;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
        if (!ES.isBlank()) {
            registry.add("vna.elasticsearch.url", () -> ES);
            registry.add("vna.elasticsearch.index-prefix", () -> PREFIX);
        }
        if (!VIEWER.isBlank()) {
            registry.add("vna.viewer.directory", () -> VIEWER);
        }
        registry.add("vna.web.cors.allowed-origins", () -> OTHER_ORIGIN);
        // Without tokens (ViewerLoginBrowserIT has them): the viewer without its login.
        registry.add("vna.security.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Path out = Checkout.buildDirectory().resolve("viewer-it");
    private ViewerTestStudy loaded;
    private List<SyntheticManifest.Entry> study;
    private String ctSeries;
    private JsonNode result;
    private JsonNode requests;

    @BeforeAll
    void loadAStudyAndOpenItInTheBrowser() throws Exception {
        requirePrerequisites();
        loaded = ViewerTestStudy.load(out, "http://127.0.0.1:" + port, null);
        study = loaded.study();
        ctSeries = loaded.ctSeries();
        loaded.browser(out, Map.of(), "--url", "http://127.0.0.1:" + port);
        result = json.readTree(out.resolve("result.json").toFile());
        requests = json.readTree(out.resolve("requests.json").toFile());
    }

    /** The test Elasticsearch, the installed viewer, Node.js with playwright-core and Chromium, else skipped. */
    static void requirePrerequisites() {
        TestElasticsearch.require();
        Prerequisites.require("the OHIF Viewer build (vna.test.viewer.app=" + VIEWER + ")",
                !VIEWER.isBlank() && Files.isRegularFile(Path.of(VIEWER, "index.html")), "./vna test installs it with ./vna viewer-install");
        Prerequisites.require("playwright-core in viewer/node_modules",
                Files.isDirectory(Checkout.root().resolve("viewer/node_modules/playwright-core")), "./vna test installs it (npm ci in viewer/)");
        Prerequisites.requireCommand("node", "./vna test installs it (Debian packages nodejs, npm)");
        Prerequisites.require("Chromium at " + CHROMIUM, Files.isExecutable(Path.of(CHROMIUM)),
                "./vna test installs it (Debian packages chromium, chromium-driver)");
    }

    @AfterAll
    void dropIndex() throws Exception {
        if (!ES.isBlank()) {
            TestIndexes.drop(ES, PREFIX);
        }
    }

    @Test
    @Order(1)
    void theStudyListShowsTheStudyFromQidoRs() {
        assertThat(result.path("studyList").path("shown").asBoolean())
                .as("study list (see %s) shows %s; it showed:%n%s", out.resolve("study-list.png"), first().studyDescription(),
                        result.path("studyList").path("text").asText())
                .isTrue();
        assertThat(requests()).as("the study list asked QIDO-RS")
                .anySatisfy(r -> assertThat(r.get("path").asText()).startsWith("/dicomweb/studies?"))
                .filteredOn(r -> ViewerAcceptHeaders.kind(r.get("path").asText()).equals("search"))
                .allSatisfy(r -> assertThat(r.get("status").asInt()).as(r.toString()).isEqualTo(200));
    }

    @Test
    @Order(2)
    void theCtSeriesRendersThroughWadoRs() throws IOException {
        assumeWadoRs();
        assertThat(result.path("viewer").path("error").isNull())
                .as("viewer error: %s (see %s, console.log)", result.path("viewer").path("error").asText(), out.resolve("viewer.png"))
                .isTrue();
        assertThat(requests()).as("frames of the CT series fetched through WADO-RS")
                .anySatisfy(r -> {
                    assertThat(r.get("path").asText()).contains("/series/" + ctSeries + "/instances/", "/frames/");
                    assertThat(r.get("status").asInt()).isEqualTo(200);
                });
        Path viewport = out.resolve("viewport.png");
        assertThat(viewport).as("screenshot of the viewport").exists();
        // The middle of the viewport: the image, away from the text overlays in its corners.
        BufferedImage image = ImageIO.read(viewport.toFile());
        BufferedImage middle = image.getSubimage(image.getWidth() / 4, image.getHeight() / 4, image.getWidth() / 2, image.getHeight() / 2);
        assertThat(luminanceVariance(middle)).as("pixel variance in the middle of %s (blank is 0)", viewport).isGreaterThan(1.0);
        assertThat(result.path("viewer").path("notBlank").asBoolean()).as("the canvas in the page is not blank").isTrue();
    }

    @Test
    @Order(3)
    void everyAcceptHeaderTheBrowserSentIsInTheFixture() throws IOException {
        Map<String, Set<String>> known = new LinkedHashMap<>();
        for (ViewerAcceptHeaders.Row row : ViewerAcceptHeaders.ohif()) {
            known.computeIfAbsent(row.kind(), k -> new TreeSet<>()).add(row.accept());
        }
        List<String> unknown = new ArrayList<>();
        for (JsonNode r : requests()) {
            String path = r.get("path").asText().replaceFirst("^/dicomweb", "");
            String accept = r.path("accept").asText("(none)");
            if (!known.getOrDefault(ViewerAcceptHeaders.kind(path), Set.of()).contains(accept)) {
                unknown.add(ViewerAcceptHeaders.kind(path) + "\t" + accept + "\t" + path);
            }
            assertThat(r.path("status").asInt()).as("%s answered 406 to Accept: %s", path, accept).isNotEqualTo(406);
        }
        assertThat(unknown).as("Accept headers the browser sent that ohif-accept-headers.tsv lacks (add them)").isEmpty();
        // And the rows marked "seen" were seen (the retrieves only where this build serves them).
        boolean wado = wadoRsServed();
        for (ViewerAcceptHeaders.Row row : ViewerAcceptHeaders.ohif()) {
            if (row.seen() && (wado || row.kind().equals("search"))) {
                assertThat(requests()).as("ohif-accept-headers.tsv says the browser sends %s", row)
                        .anySatisfy(r -> {
                            assertThat(ViewerAcceptHeaders.kind(r.get("path").asText())).isEqualTo(row.kind());
                            assertThat(r.path("accept").asText()).isEqualTo(row.accept());
                        });
            }
        }
    }

    @Test
    @Order(4)
    void everyFixtureHeaderIsNegotiatedAgainstTheLoadedStudy() throws Exception {
        SyntheticManifest.Entry instance = study.stream().filter(e -> e.seriesInstanceUid().equals(ctSeries)).findFirst().orElseThrow();
        Map<String, String> values = Map.of("study", instance.studyInstanceUid(), "series", ctSeries,
                "instance", instance.sopInstanceUid(), "patient", instance.patientId());
        boolean wado = wadoRsServed();
        List<String> replayed = new ArrayList<>();
        for (ViewerAcceptHeaders.Row row : ViewerAcceptHeaders.ohif()) {
            if (!row.kind().equals("search") && !wado) {
                continue;
            }
            String path = "/dicomweb" + row.path(values);
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", row.accept()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as("%s: GET %s, Accept: %s%n%s", row.name(), path, row.accept(),
                    new String(r.body(), 0, Math.min(r.body().length, 600), US_ASCII)).isEqualTo(200);
            replayed.add(row.name());
        }
        assertThat(replayed).isNotEmpty();
        assumeTrue(wado, "replayed the searches only: " + wadoRsMissing());
    }

    @Test
    @Order(5)
    void aViewerOnAnotherOriginReadsTheArchiveThroughCors() throws Exception {
        assumeWadoRs();
        Path dir = out.resolve("other-origin");
        loaded.browser(dir, Map.of(), "--serve", VIEWER, "--serve-port", Integer.toString(OTHER_ORIGIN_PORT),
                "--dicomweb", "http://127.0.0.1:" + port + "/dicomweb");
        JsonNode other = json.readTree(dir.resolve("result.json").toFile());
        List<JsonNode> sent = new ArrayList<>();
        json.readTree(dir.resolve("requests.json").toFile()).forEach(sent::add);

        assertThat(other.path("url").asText()).isEqualTo(OTHER_ORIGIN);
        assertThat(other.path("studyList").path("shown").asBoolean()).as("study list from %s (see %s)", OTHER_ORIGIN, dir).isTrue();
        assertThat(other.path("viewer").path("notBlank").asBoolean())
                .as("viewport rendered from %s: %s (see %s)", OTHER_ORIGIN, other.path("viewer").path("error").asText(), dir).isTrue();
        assertThat(sent).as("requests to the archive from %s", OTHER_ORIGIN).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(200);
            assertThat(r.path("allowOrigin").asText()).as(r.toString()).isEqualTo(OTHER_ORIGIN);
        });
        assertThat(sent).anySatisfy(r -> assertThat(ViewerAcceptHeaders.kind(r.get("path").asText())).isEqualTo("frames"));
    }

    @Test
    @Order(6)
    void theLoginScriptSaysNoTokenIsRequired() throws Exception {
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ViewerLoginScript.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(script.body()).contains("window.vesaliusLogin = null;");
    }

    private SyntheticManifest.Entry first() {
        return loaded.first();
    }

    private List<JsonNode> requests() {
        List<JsonNode> list = new ArrayList<>();
        requests.forEach(list::add);
        return list;
    }

    private void assumeWadoRs() throws IOException {
        assumeTrue(wadoRsServed(), wadoRsMissing());
    }

    private String wadoRsMissing() {
        return "this build does not serve WADO-RS (GET /dicomweb/studies/{study}/series/{series}/metadata answers 404 "
                + "\"no handler\"): the image part needs the retrieve endpoints";
    }

    /** Whether series metadata is served at all (an unknown path is a 404 from the container, not from WADO-RS). */
    private boolean wadoRsServed() throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies/"
                    + first().studyInstanceUid() + "/series/" + ctSeries + "/metadata")).header("Accept", "application/dicom+json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static double luminanceVariance(BufferedImage image) {
        double sum = 0;
        double sumSq = 0;
        int n = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += l;
                sumSq += l * l;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
