package org.vesalius.vna.server.viewer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/** {@code /viewer/}: the files of a build, index.html for client routes, 404 for missing files. */
// A whole server, not a web slice: the `..` checks need Tomcat's path normalisation, and /dicomweb must stay QIDO-RS's.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ViewerResourcesTest {

    static final String INDEX = "<!doctype html><title>viewer</title><script src=\"/viewer/app.bundle.js\"></script>";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ServerTestSupport.tempBlobRoot(registry);
        Path app = Files.createTempDirectory("vna-viewer-test-");
        Files.writeString(app.resolve("index.html"), INDEX);
        Files.writeString(app.resolve("app.bundle.js"), "console.log('app')");
        Files.writeString(app.resolve("app-config.js"), "window.config = {};");
        Files.write(app.resolve("decoder.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Files.createDirectories(app.resolve("assets"));
        Files.writeString(app.resolve("assets/manifest.json"), "{}");
        // Beside the build, not in it: must never be served.
        Files.writeString(app.getParent().resolve(app.getFileName() + "-secret.txt"), "secret");
        registry.add("vna.viewer.directory", app::toString);
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "/viewer/|200|text/html",
        "/viewer/index.html|200|text/html",
        "/viewer/viewer?StudyInstanceUIDs=1.2.3&initialSeriesInstanceUID=1.2.3.4|200|text/html",
        "/viewer/segmentation?StudyInstanceUIDs=1.2.3|200|text/html",
        "/viewer/some/deeper/route|200|text/html",
        "/viewer/app.bundle.js|200|text/javascript",
        "/viewer/app-config.js|200|text/javascript",
        "/viewer/decoder.wasm|200|application/wasm",
        "/viewer/assets/manifest.json|200|application/json",
        "/viewer/missing.bundle.js|404|application/problem+json",
        "/viewer/assets/missing.png|404|application/problem+json",
    })
    void servesTheBuildAndIndexHtmlForClientRoutes(String path, int status, String type) {
        HttpResponse<String> r = get(path);

        assertThat(r.statusCode()).as(path).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith(type));
        if (type.equals("text/html")) {
            assertThat(r.body()).isEqualTo(INDEX);
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        }
    }

    @Test
    void withoutTheTrailingSlashRedirects() {
        HttpResponse<String> r = get("/viewer");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/viewer/"));
    }

    @ParameterizedTest
    @CsvSource({
        "/viewer/../application.properties",
        "/viewer/%2e%2e/%2e%2e/etc/passwd",
        "/viewer/..%2fsecret.txt",
    })
    void nothingOutsideTheBuild(String path) {
        HttpResponse<String> r = get(path);

        assertThat(r.statusCode()).as(path).isIn(400, 404);
        assertThat(r.body()).doesNotContain("secret", "root:");
    }

    @Test
    void theDicomWebEndpointsStayTheirs() {
        HttpResponse<String> r = get("/dicomweb/studies?PatientID=1");

        // The index is down in this test: QIDO-RS answers for itself (503), not the viewer.
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("<title>viewer");
    }

    private HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
