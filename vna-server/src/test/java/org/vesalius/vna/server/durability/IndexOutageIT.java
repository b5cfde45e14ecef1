package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.vna.server.process.ElasticsearchInstance;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.Poll;

/**
 * Invariant 4 with a real outage: the test starts an Elasticsearch of its own
 * ({@code ./vna es-instance}), the real server against it, and stops and starts that
 * Elasticsearch. While it is stopped, C-STORE still succeeds (0000; the instances are durably
 * recorded in the node's ingest log, nothing is queued in the blob store; a SIGKILL and restart
 * meanwhile loses none of it), liveness is UP while readiness is 503 and names the index, C-FIND answers A700 and
 * QIDO-RS 503 with a problem-details body. When Elasticsearch is back (same data, same port), the
 * index catches up without any manual step, and C-FIND and QIDO-RS find exactly what was stored.
 *
 * <p>Runs when the build runs Elasticsearch tests ({@code vna.test.elasticsearch.url} set, as
 * {@code ./vna test} does), though it does not use that one: stopping a shared one would break
 * the others' tests.
 */
class IndexOutageIT {

    static final String ES_TESTS = System.getProperty("vna.test.elasticsearch.url", "");
    static final Duration GUARD = Duration.ofMinutes(3);
    static final ObjectMapper JSON = new ObjectMapper();

    static SyntheticScratch data;
    static Path scratch;
    static Path dataSet;
    static List<Entry> entries;

    @BeforeAll
    static void generate() throws Exception {
        data = SyntheticScratch.create("index-outage", 300, 4_004);
        scratch = data.directory();
        dataSet = data.dataSet();
        entries = data.entries();
    }

    @AfterAll
    static void cleanUp() {
        if (data != null) {
            data.close();
        }
    }

    @Test
    void ingestGoesOnWhileElasticsearchIsDownAndTheIndexCatchesUpByItself() throws Exception {
        List<Entry> before = entries.subList(0, 100);
        List<Entry> during = entries.subList(100, entries.size());
        InstanceSender sender = new InstanceSender(dataSet, 2);
        try (ElasticsearchInstance es = ElasticsearchInstance.in(scratch.resolve("elasticsearch"));
                ServerProcess server = ServerProcess.builder("index-outage").dataDirectory(scratch.resolve("server"))
                        .elasticsearch(es.url()).build()) {
            try {
                es.start();
                server.start();
                server.awaitReady();
                ArchiveLookup lookup = new ArchiveLookup(server);
                assertThat(statuses(sender.send(server.dicomPort(), before, new CountDownLatch(0)), before)).containsOnly(0);
                Poll.until("C-FIND to find the first instances", GUARD, () -> lookup.cFind(before), sops(before)::equals);

                es.stop();

                // Health tells the truth: alive, not ready, and why.
                HttpResponse<String> readiness = Poll.until("readiness to report the index down", GUARD,
                        () -> server.get("/actuator/health/readiness"), r -> r.statusCode() == 503);
                JsonNode components = JSON.readTree(readiness.body()).path("components");
                assertThat(components.path("elasticsearch").path("status").asText()).isEqualTo("DOWN");
                assertThat(components.path("blobStore").path("status").asText()).isEqualTo("UP");
                assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

                // Ingest goes on: success, not a warning, and every instance durably queued.
                assertThat(statuses(sender.send(server.dicomPort(), during, new CountDownLatch(0)), during))
                        .as("C-STORE statuses while Elasticsearch is down").containsOnly(0);
                BlobStoreAudit.Report queued = BlobStoreAudit.of(server.blobRoot());
                assertThat(queued.problems()).isEmpty();
                assertThat(queued.instances()).isEqualTo(entries.size());
                // Queued in the node's ingest log, not in the blob store.
                assertThat(queued.queued()).isZero();
                assertThat(ingestLogSegments(server)).isNotEmpty();
                assertThat(BlobStoreAudit.acknowledgedProblems(server.blobRoot(), dataSet, entries)).isEmpty();
                // Status is computed at most once per vna.health.cache-ttl: wait for a fresh one.
                JsonNode index = Poll.until("/api/status to count what waits", GUARD,
                        () -> JSON.readTree(server.get("/api/status").body()).path("index"),
                        i -> i.path("queuedForIndexing").asLong() == during.size());
                assertThat(index.path("status").asText()).isEqualTo("DOWN");

                // Queries say so in their own protocol's terms.
                assertThatThrownBy(() -> lookup.cFind(before)).isInstanceOfSatisfying(DicomServiceException.class,
                        e -> assertThat(e.status()).isEqualTo(DicomStatus.OUT_OF_RESOURCES));
                HttpResponse<String> qido = lookup.qidoResponse(List.of(before.get(0).sopInstanceUid()));
                assertThat(qido.statusCode()).as(qido.body()).isEqualTo(503);
                assertThat(qido.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(qido.headers().firstValue("Retry-After")).isPresent();
                JsonNode problem = JSON.readTree(qido.body());
                assertThat(problem.path("status").asInt()).isEqualTo(503);
                assertThat(problem.path("detail").asText()).isNotBlank();
                System.out.println("IndexOutageIT: QIDO-RS while Elasticsearch is down: 503 " + qido.body());

                // A crash while the index is down: the log is read again at the restart, and what it holds
                // (every record of its segments, indexed or not: indexing again is harmless) waits for the index.
                server.kill();
                server.start();
                assertThat(JSON.readTree(server.get("/api/status").body()).path("index").path("queuedForIndexing").asLong())
                        .isGreaterThanOrEqualTo(during.size());

                // Elasticsearch returns; nobody does anything else.
                es.start();
                Poll.until("C-FIND to find every instance", GUARD, () -> lookup.cFind(entries), sops(entries)::equals);
                Poll.until("the index queue to drain", GUARD, () -> ServerCrashIT.queued(server), n -> n == 0);
                server.awaitReady();
                assertThat(lookup.cFind(entries)).as("C-FIND, instance level").isEqualTo(sops(entries));
                // Study summaries are written after their instances and visible within a refresh.
                Poll.until("C-FIND to find every study", GUARD, lookup::cFindStudies,
                        entries.stream().map(Entry::studyInstanceUid).collect(Collectors.toSet())::equals);
                assertThat(lookup.qido(sops(entries))).as("QIDO-RS").isEqualTo(sops(entries));
                assertThat(BlobStoreAudit.of(server.blobRoot()).queued()).isZero();
                server.stop();
                assertThat(ingestLogSegments(server)).as("segments whose records are all indexed are deleted").isEmpty();
            } catch (Throwable t) {
                System.out.printf("IndexOutageIT failed; server log %s, Elasticsearch logs %s%n", server.log(),
                        es.directory().resolve("logs"));
                throw t;
            }
        }
    }

    private static Set<String> sops(List<Entry> entries) {
        return entries.stream().map(Entry::sopInstanceUid).collect(Collectors.toCollection(HashSet::new));
    }

    /** The distinct C-STORE statuses, once every one of {@code sent} has an answer. */
    private static List<Integer> statuses(Map<String, InstanceSender.Outcome> outcomes, List<Entry> sent) {
        assertThat(outcomes.keySet()).as("an answer for every instance").isEqualTo(sops(sent));
        return outcomes.values().stream().map(InstanceSender.Outcome::status).distinct().toList();
    }

    /** The segment files of the server's ingest log (default directory, under its working directory). */
    static List<java.nio.file.Path> ingestLogSegments(ServerProcess server) throws java.io.IOException {
        return ingestLogSegments(server.dataDirectory());
    }

    /** The segment files of the ingest log of a server whose working directory is {@code dataDirectory}. */
    static List<java.nio.file.Path> ingestLogSegments(java.nio.file.Path dataDirectory) throws java.io.IOException {
        java.nio.file.Path dir = dataDirectory.resolve("data/ingest-log");
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
        }
    }
}
