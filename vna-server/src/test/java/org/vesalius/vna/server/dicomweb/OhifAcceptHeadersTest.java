package org.vesalius.vna.server.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.archive.dicomweb.ViewerAcceptHeaders;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * The OHIF Viewer's searches replayed verbatim (fixture {@code ohif-accept-headers.tsv}): each is
 * negotiated, never refused. The index is down here, so a negotiated search answers 503; the
 * same rows against a loaded archive, retrieves included, are in {@code ViewerBrowserIT}.
 */
// A whole server, not a web slice: the viewer's requests replayed over HTTP to QIDO-RS over the configured (unreachable) index.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OhifAcceptHeadersTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    static Stream<ViewerAcceptHeaders.Row> searches() {
        return ViewerAcceptHeaders.ohif().stream().filter(r -> r.kind().equals("search"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searches")
    void searchesAreNegotiated(ViewerAcceptHeaders.Row row) throws Exception {
        String path = "/dicomweb" + row.path(Map.of("study", "1.2.3", "series", "1.2.3.4", "instance", "1.2.3.4.5", "patient", "P0001"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", row.accept()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(path + " Accept: " + row.accept() + "\n" + r.body()).isEqualTo(503);
    }
}
