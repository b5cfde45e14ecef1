package org.vesalius.vna.server.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * QIDO-RS answers that do not depend on what is indexed: refused queries, refused formats, and
 * the 503 while the index is unreachable (this server's Elasticsearch URL points at a closed port).
 */
// A whole server, not a web slice: QIDO-RS over the configured (unreachable) index, with the container's query-string handling.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QidoControllerTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void anUnavailableIndexIs503WithAProblemAndRetryAfter() throws Exception {
        HttpResponse<String> r = get("/dicomweb/studies?PatientID=1", "application/dicom+json");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.body()).contains("\"status\":503").contains("index is not available");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/dicomweb/studies?NoSuchAttribute=1 | NoSuchAttribute",
        "/dicomweb/studies?StudyDate=2020-2021-2022 | StudyDate",
        "/dicomweb/studies?StudyDate=20201301 | StudyDate",
        "/dicomweb/series?limit=-1 | limit",
        "/dicomweb/instances?offset=abc | offset",
        "/dicomweb/studies?fuzzymatching=maybe | fuzzymatching",
        "/dicomweb/studies?includefield=NotAKeyword | NotAKeyword",
        "/dicomweb/studies/1.2.x/series | 1.2.x",
        "/dicomweb/studies/1.2.3/series/..3/instances | ..3",
    })
    void aQueryThatCannotRunIs400NamingTheParameter(String path, String named) throws Exception {
        HttpResponse<String> r = get(path, "application/dicom+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains(named);
    }

    @Test
    void aFormatNoOneCanProduceIs406() throws Exception {
        HttpResponse<String> r = get("/dicomweb/studies", "image/png");
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.body()).contains("application/dicom+json");
    }

    @Test
    void theAcceptQueryParameterTakesPrecedenceOverTheHeader() throws Exception {
        // Accepted by the parameter, so the request gets as far as the (unavailable) index.
        HttpResponse<String> r = get("/dicomweb/studies?accept=application/dicom%2Bjson", "image/png");
        assertThat(r.statusCode()).isEqualTo(503);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }
}
