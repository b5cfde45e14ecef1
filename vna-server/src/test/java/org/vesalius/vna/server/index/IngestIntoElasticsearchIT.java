package org.vesalius.vna.server.index;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * The server against the real Elasticsearch of {@code ./vna test} ({@code vna.test.elasticsearch.url};
 * skipped without it): an instance stored by STOW-RS is indexed (behind the answer), and health reports the
 * index UP. Its own index name prefix, deleted afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestIntoElasticsearchIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final String PREFIX = "vnait-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
        if (!ES.isBlank()) {
            registry.add("vna.elasticsearch.url", () -> ES);
            registry.add("vna.elasticsearch.index-prefix", () -> PREFIX);
        }
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void dropIndex() throws Exception {
        if (!ES.isBlank()) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ES + "/" + PREFIX + "-instances-v2")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ES + "/_index_template/" + PREFIX + "-instances-template"))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void aStowedInstanceIsIndexedAndTheIndexIsHealthy() throws Exception {
        TestElasticsearch.require();
        Path sample = SharedSamples.require("pydicom/test_files/CT_small.dcm");
        String boundary = "it-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
        body.writeBytes(Files.readAllBytes(sample));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(ISO_8859_1));

        HttpResponse<String> stow = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
        String sop = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
        // The index is written behind the answer: wait (bounded) for the document and an empty queue.
        HttpResponse<String> doc = null;
        HttpResponse<String> readiness = null;
        HttpResponse<String> status = null;
        for (int i = 0; i < 300; i++) {
            doc = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ES + "/" + PREFIX + "-instances/_doc/" + sop)).build(), HttpResponse.BodyHandlers.ofString());
            readiness = ServerTestSupport.get(port, "/actuator/health/readiness");
            status = ServerTestSupport.get(port, "/api/status");
            if (doc.statusCode() == 200 && readiness.statusCode() == 200 && status.body().contains("\"queuedForIndexing\":0")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(doc.statusCode()).as(doc.body()).isEqualTo(200);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(status.body()).contains("\"queuedForIndexing\":0");
    }
}
