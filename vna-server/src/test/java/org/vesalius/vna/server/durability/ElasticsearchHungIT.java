package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.server.process.HangingProxy;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.Poll;

/**
 * Invariant 4 with Elasticsearch hung, not stopped: the server reaches the test Elasticsearch
 * through a {@link HangingProxy}, which the test switches to accepting connections and never
 * answering (connections already open stop too). While it hangs, C-STORE still answers 0000 (ingest
 * never waits for the index: the instances wait in the ingest log), health and readiness answer
 * (readiness 503 naming the index), and C-FIND answers A700 and QIDO-RS 503 with Retry-After, each
 * once the index client's request timeout has run out, several at once too, instead of hanging.
 * Switched back to forwarding, the index catches up by itself: C-FIND and QIDO-RS find exactly what
 * was stored, once each, the study summaries count every instance, and {@code vna verify} is clean.
 *
 * <p>The server runs with {@code vna.elasticsearch.request-timeout=5s} (default 30 s) to keep the
 * test short; the waits are hang guards, never assertions on time.
 */
class ElasticsearchHungIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final Duration GUARD = Duration.ofMinutes(3);
    static final int QUERIES_AT_ONCE = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    static SyntheticScratch data;
    static Path scratch;
    static Path dataSet;
    static List<Entry> entries;

    @BeforeAll
    static void generate() throws Exception {
        data = SyntheticScratch.create("elasticsearch-hung", 150, 12_012);
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
    void withTheIndexHungIngestGoesOnQueriesAnswerAndTheIndexCatchesUpOnceItAnswersAgain() throws Exception {
        List<Entry> before = entries.subList(0, 50);
        List<Entry> during = entries.subList(50, entries.size());
        InstanceSender sender = new InstanceSender(dataSet, 2);
        try (HangingProxy proxy = HangingProxy.to(ES);
                ServerProcess server = ServerProcess.builder("elasticsearch-hung").dataDirectory(scratch.resolve("server"))
                        .elasticsearch(proxy.url()).property("vna.elasticsearch.request-timeout", "5s").build()) {
            try {
                server.start();
                server.awaitReady();
                ArchiveLookup lookup = new ArchiveLookup(server);
                assertThat(statuses(sender.send(server.dicomPort(), before, new CountDownLatch(0)), before)).containsOnly(0);
                Poll.until("C-FIND to find the first instances", GUARD, () -> lookup.cFind(before), sops(before)::equals);
                // Summaries are written after their instances: hang only once nothing waits.
                Poll.until("the index queue to drain", GUARD, () -> ServerCrashIT.queued(server), n -> n == 0);

                proxy.hang();

                // Ingest never waits for the index: every C-STORE answers, with success.
                long sending = System.nanoTime();
                assertThat(statuses(sender.send(server.dicomPort(), during, new CountDownLatch(0)), during))
                        .as("C-STORE statuses while Elasticsearch hangs").containsOnly(0);
                System.out.printf("ElasticsearchHungIT: %d C-STOREs answered in %d ms while Elasticsearch hangs%n",
                        during.size(), (System.nanoTime() - sending) / 1_000_000);
                assertThat(BlobStoreAudit.acknowledgedProblems(server.blobRoot(), dataSet, entries)).isEmpty();

                // Health answers (cached probes, never waiting on the hung index) and tells the truth.
                HttpResponse<String> readiness = Poll.until("readiness to report the index down", GUARD,
                        () -> server.get("/actuator/health/readiness"), r -> r.statusCode() == 503);
                JsonNode components = JSON.readTree(readiness.body()).path("components");
                assertThat(components.path("elasticsearch").path("status").asText()).isEqualTo("DOWN");
                assertThat(components.path("blobStore").path("status").asText()).isEqualTo("UP");
                assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
                assertThat(server.get("/actuator/health").statusCode()).isEqualTo(503);
                JsonNode index = Poll.until("/api/status to count what waits", GUARD,
                        () -> JSON.readTree(server.get("/api/status").body()).path("index"),
                        i -> i.path("queuedForIndexing").asLong() == during.size());
                assertThat(index.path("status").asText()).isEqualTo("DOWN");

                // Queries answer in their protocol's terms once the request timeout has run out, several at once too.
                long asking = System.nanoTime();
                try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<HttpResponse<String>>> qidos = new ArrayList<>();
                    for (int i = 0; i < QUERIES_AT_ONCE; i++) {
                        List<String> uid = List.of(before.get(i).sopInstanceUid());
                        qidos.add(clients.submit(() -> lookup.qidoResponse(uid)));
                    }
                    assertThatThrownBy(() -> lookup.cFind(before.subList(0, 1))).isInstanceOfSatisfying(
                            DicomServiceException.class, e -> assertThat(e.status()).isEqualTo(DicomStatus.OUT_OF_RESOURCES));
                    for (Future<HttpResponse<String>> f : qidos) {
                        HttpResponse<String> qido = f.get();
                        assertThat(qido.statusCode()).as(qido.body()).isEqualTo(503);
                        assertThat(qido.headers().firstValue("Retry-After")).isPresent();
                        assertThat(JSON.readTree(qido.body()).path("detail").asText()).isNotBlank();
                    }
                }
                System.out.printf("ElasticsearchHungIT: C-FIND A700 and %d QIDO-RS 503 answered in %d ms while Elasticsearch"
                        + " hangs%n", QUERIES_AT_ONCE, (System.nanoTime() - asking) / 1_000_000);
                assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(503);

                // Elasticsearch answers again; nobody does anything else.
                proxy.forward();
                Poll.until("C-FIND to find every instance", GUARD, () -> lookup.cFind(entries), sops(entries)::equals);
                Poll.until("the index queue to drain", GUARD, () -> ServerCrashIT.queued(server), n -> n == 0);
                server.awaitReady();
                List<String> matches = lookup.cFindMatches(entries);
                assertThat(matches).as("C-FIND, instance level: each once").hasSize(entries.size())
                        .containsExactlyInAnyOrderElementsOf(sops(entries));
                Poll.until("the study summaries to count every instance", GUARD, lookup::cFindStudyInstanceCounts,
                        instancesPerStudy(entries)::equals);
                assertThat(lookup.qido(sops(entries))).as("QIDO-RS").isEqualTo(sops(entries));
                server.stop();

                ArchiveVerify.Result verify = ArchiveVerify.run(server, ES);
                assertThat(verify.exitCode()).as(verify.out()).isZero();
                assertThat(verify.out()).contains("verify: CLEAN");
                TestIndexes.drop(ES, server.indexPrefix());
            } catch (Throwable t) {
                System.out.printf("ElasticsearchHungIT failed; server log %s%n", server.log());
                throw t;
            }
        }
    }

    static Set<String> sops(List<Entry> entries) {
        return entries.stream().map(Entry::sopInstanceUid).collect(Collectors.toCollection(HashSet::new));
    }

    /** Instances per study of {@code entries}: what each study's summary is to count. */
    static Map<String, Integer> instancesPerStudy(List<Entry> entries) {
        return entries.stream().collect(Collectors.groupingBy(Entry::studyInstanceUid,
                Collectors.collectingAndThen(Collectors.counting(), Long::intValue)));
    }

    /** The distinct C-STORE statuses, once every one of {@code sent} has an answer. */
    private static List<Integer> statuses(Map<String, InstanceSender.Outcome> outcomes, List<Entry> sent) {
        assertThat(outcomes.keySet()).as("an answer for every instance").isEqualTo(sops(sent));
        return outcomes.values().stream().map(InstanceSender.Outcome::status).distinct().toList();
    }
}
