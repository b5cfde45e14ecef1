package org.vesalius.vna.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * Header amplification (issue 12, point 2) against the real server process with a bounded heap
 * ({@value #HEAP}, exiting on OutOfMemoryError as {@code ./vna start} runs it) and a real
 * Elasticsearch: four concurrent STOW-RS requests, each one instance whose header is ~60 MB of
 * empty sequence items, and an RT Structure Set of 200 ROIs x 500 contours (~50 MB of header)
 * at the same time. Each hostile one is refused in protocol terms (409 with Failure Reason C000,
 * or 503 with Retry-After and A700) and nothing of it is stored; the structure set is stored
 * (a 503 is retried, as a client does) and indexed; the server stays up, ready, and answers
 * QIDO-RS.
 */
class HeaderAmplificationIT {

    static final String HEAP = "-Xmx1g";
    static final Duration GUARD = Duration.ofMinutes(4);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String STUDY = "1.2.826.0.1.3680043.9.7433.12.2";
    /** 7,500,000 empty items: 60,000,000 bytes, inside the 64 MB header cap. */
    static final long EMPTY_ITEMS = 7_500_000;
    static final int FAILURE_REASON_CANNOT_UNDERSTAND = 0xC000;
    static final int FAILURE_REASON_OUT_OF_RESOURCES = 0xA700;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void prerequisites() {
        TestElasticsearch.require();
        Checkout.requireServerJar();
    }

    HttpResponse<String> stow(ServerProcess server, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/dicomweb/studies")).timeout(GUARD)
                .header("Content-Type", HostileHeaders.TYPE).header("Accept", "application/dicom+json")
                .POST(body).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fourHostileHeadersAtOnceLeaveTheServerServingAndALargeStructureSetPasses() throws Exception {
        String es = TestElasticsearch.require();
        byte[] structureSet = HostileHeaders.structureSet(STUDY + ".9", STUDY, 200, 500, 16);
        System.out.printf("HeaderAmplificationIT: structure set of %,d bytes; four bodies of %,d empty items%n",
                structureSet.length, EMPTY_ITEMS);
        try (ServerProcess server = ServerProcess.builder("header-amplification").elasticsearch(es)
                .jvmOptions(HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError").build()) {
            try {
                server.start();
                server.awaitReady();

                List<CompletableFuture<HttpResponse<String>>> hostile = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    String sop = STUDY + ".1." + i;
                    hostile.add(CompletableFuture.supplyAsync(() -> send(server,
                            HttpRequest.BodyPublishers.ofInputStream(() -> HostileHeaders.emptyItemsBody(sop, STUDY, EMPTY_ITEMS)))));
                }
                CompletableFuture<HttpResponse<String>> legitimate = CompletableFuture.supplyAsync(
                        () -> storeRetrying(server, HostileHeaders.body(structureSet)));

                for (CompletableFuture<HttpResponse<String>> f : hostile) {
                    HttpResponse<String> r = f.get();
                    assertThat(r.statusCode()).as(r.body()).isIn(409, 503);
                    int expected = r.statusCode() == 409 ? FAILURE_REASON_CANNOT_UNDERSTAND : FAILURE_REASON_OUT_OF_RESOURCES;
                    assertThat(failureReasons(r)).as(r.body()).containsExactly(expected);
                    if (r.statusCode() == 503) {
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    }
                    System.out.printf("HeaderAmplificationIT: hostile header answered %d %s%n", r.statusCode(), r.body());
                }
                HttpResponse<String> stored = legitimate.get();
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                assertThat(server.isRunning()).as("the server process is alive").isTrue();

                // Nothing of the hostile instances is on disk; the structure set is, and it is indexed.
                assertThat(storedFiles(server)).containsExactly(STUDY + ".9.dcm");
                assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
                JsonNode found = awaitInstances(server, "/dicomweb/studies/" + STUDY + "/instances");
                assertThat(found).hasSize(1);
                assertThat(found.get(0).path("00080018").path("Value").get(0).asText()).isEqualTo(STUDY + ".9");
                assertThat(found.get(0).path("00080016").path("Value").get(0).asText()).isEqualTo(HostileHeaders.RT_STRUCTURE_SET);
                // Its contours are too many for the index (vna.ingest.max-indexed-elements), not for the blob.
                try (Stream<Path> files = Files.walk(server.blobRoot())) {
                    Path blob = files.filter(p -> p.getFileName().toString().equals(STUDY + ".9.dcm")).findFirst().orElseThrow();
                    assertThat(Files.mismatch(blob, writeTemp(server, structureSet))).isEqualTo(-1L);
                }
                assertThat(server.get("/dicomweb/studies?PatientID=HDR-AMP", "application/dicom+json").statusCode()).isEqualTo(200);
                assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
                assertThat(Files.readString(server.log())).doesNotContain("java.lang.OutOfMemoryError", "I/O reactor has been shut down");
                server.stop();
                TestIndexes.drop(es, server.indexPrefix());
                FileSystemUtils.deleteRecursively(server.dataDirectory().toFile());
            } catch (Throwable t) {
                System.out.printf("HeaderAmplificationIT failed; server log %s, archive kept in %s%n", server.log(),
                        server.dataDirectory());
                throw t;
            }
        }
    }

    private HttpResponse<String> send(ServerProcess server, HttpRequest.BodyPublisher body) {
        try {
            return stow(server, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores {@code body}, retrying after a 503 as a client does (hang guard only). */
    private HttpResponse<String> storeRetrying(ServerProcess server, byte[] body) {
        long deadline = System.nanoTime() + GUARD.toNanos();
        HttpResponse<String> r;
        do {
            r = send(server, HttpRequest.BodyPublishers.ofByteArray(body));
            System.out.printf("HeaderAmplificationIT: structure set answered %d%n", r.statusCode());
        } while (r.statusCode() == 503 && System.nanoTime() < deadline);
        return r;
    }

    private static Path writeTemp(ServerProcess server, byte[] bytes) throws Exception {
        Path sent = server.dataDirectory().resolve("sent-structure-set.dcm");
        Files.write(sent, bytes);
        return sent;
    }

    private static List<Integer> failureReasons(HttpResponse<String> r) throws Exception {
        List<Integer> reasons = new ArrayList<>();
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/dicom+json")) {
            for (JsonNode item : JSON.readTree(r.body()).path("00081198").path("Value")) {
                reasons.add(item.path("00081197").path("Value").get(0).asInt());
            }
        }
        return reasons;
    }

    private static List<String> storedFiles(ServerProcess server) throws Exception {
        try (Stream<Path> files = Files.walk(server.blobRoot())) {
            return files.filter(p -> p.toString().endsWith(".dcm")).map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Polls a QIDO-RS query until it finds something (the index is fed in the background). */
    private static JsonNode awaitInstances(ServerProcess server, String query) throws Exception {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (true) {
            HttpResponse<String> r = server.get(query, "application/dicom+json");
            assertThat(r.statusCode()).as(r.body()).isIn(200, 204);
            JsonNode found = r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createArrayNode();
            if (!found.isEmpty()) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not indexed within " + GUARD + ": " + query);
            }
            Thread.sleep(500);
        }
    }
}
