package org.vesalius.vna.server.metrics;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * A whole server with its Prometheus registry (tests otherwise get a plain one): one STOW-RS
 * instance, one QIDO-RS search and one WADO-RS retrieval, then the scrape shows each of them once.
 * The index is down here (as in every server test without Elasticsearch), so the instance is
 * queued and the search fails: both are outcomes the metrics must tell apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class PrometheusMetricsTest {

    private static final String B = "vesalius-metrics-boundary";
    private static final String SOP = "1.2.826.0.1.3680043.2.1125.1.1.77";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
        // Indexed before the answer: the index call is over when STOW-RS answers, so the scrape
        // sees it without waiting for the write-behind writer.
        registry.add("vna.ingest.index.write-behind", () -> "false");
    }

    @LocalServerPort
    int port;

    @Test
    void theScrapeCountsIngestQueriesIndexCallsAndWadoBytes() {
        HttpResponse<String> stored = send(HttpRequest.newBuilder(uri("/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=\"" + B + "\"")
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(stowBody(TestObjects.part10(TestObjects.ct(SOP, "P1", null, 64, 1))))));
        assertThat(stored.statusCode()).isEqualTo(200);
        HttpResponse<String> search = send(HttpRequest.newBuilder(uri("/dicomweb/studies?PatientID=P1")).GET());
        assertThat(search.statusCode()).isEqualTo(503);
        HttpResponse<String> retrieved = send(HttpRequest.newBuilder(uri("/dicomweb/studies/" + TestObjects.STUDY + "/series/"
                + TestObjects.SERIES + "/instances/" + SOP)).header("Accept", "multipart/related; type=\"application/dicom\"").GET());
        assertThat(retrieved.statusCode()).isEqualTo(200);

        HttpResponse<String> scrape = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET());

        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(sample(metrics, "vna_ingest_instances_seconds_count", "outcome=\"stored\"", "protocol=\"stow\"", "source=\"-\""))
                .hasValue(1.0);
        assertThat(sample(metrics, "vna_query_seconds_count", "level=\"study\"", "outcome=\"failed\"", "protocol=\"qido\""))
                .hasValue(1.0);
        // Elasticsearch is down: the one index call failed, the instance waits in the queue.
        assertThat(sample(metrics, "vna_index_batch_size_instances_count", "operation=\"index\"", "outcome=\"failed\""))
                .hasValue(1.0);
        assertThat(sample(metrics, "vna_index_batch_seconds_count", "operation=\"index\"", "outcome=\"failed\"")).hasValue(1.0);
        assertThat(sample(metrics, "vna_ingest_log_depth_instances")).hasValue(1.0);
        assertThat(sample(metrics, "vna_ingest_log_records_total")).hasValue(1.0);
        assertThat(sample(metrics, "vna_ingest_log_flushes_total")).hasValue(1.0);
        assertThat(sample(metrics, "vna_dicom_associations_open")).hasValue(0.0);
        assertThat(sample(metrics, "vna_wado_bytes_total", "media=\"multipart/related\""))
                .hasValueSatisfying(bytes -> assertThat(bytes).isGreaterThan(64.0));
    }

    /** The value of the one sample of {@code name} whose labels include all of {@code labels}. */
    static Optional<Double> sample(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        Optional<Double> found = Optional.empty();
        while (m.find()) {
            String l = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= l.contains(label);
            }
            if (all) {
                assertThat(found).as("one sample of %s with %s", name, String.join(",", labels)).isEmpty();
                found = Optional.of(Double.parseDouble(m.group(2)));
            }
        }
        return found;
    }

    static byte[] stowBody(byte[] part10) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + B + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
        out.writeBytes(part10);
        out.writeBytes(("\r\n--" + B + "--\r\n").getBytes(ISO_8859_1));
        return out.toByteArray();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
