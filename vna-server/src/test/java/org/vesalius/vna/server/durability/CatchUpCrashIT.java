package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.server.process.HangingProxy;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.Poll;

/**
 * The server SIGKILLed while the catch-up indexes what waited in the ingest log. Instances are
 * acknowledged while Elasticsearch is away (a {@link HangingProxy} in front of the test
 * Elasticsearch refuses connections, as a stopped one does), so they wait in the log; then it
 * comes back and the catch-up indexes them, in small bulk requests
 * ({@code vna.ingest.index.catch-up-batch-size=10}) so that it takes many rounds, and the server is
 * killed once {@code /api/status} shows that a third is indexed. Started again, the catch-up
 * replays the log from its start (acknowledgements are in memory only), and is killed once two
 * thirds are done. After the third start everything is indexed: C-FIND finds each instance
 * exactly once, the study summaries count every instance, QIDO-RS finds them, nothing waits, and
 * {@code vna verify} is clean.
 */
class CatchUpCrashIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final int INSTANCES = 300;
    static final int KILLS = 2;
    static final Duration GUARD = Duration.ofMinutes(3);

    static SyntheticScratch data;
    static Path scratch;
    static Path dataSet;
    static List<Entry> entries;

    @BeforeAll
    static void generate() throws Exception {
        data = SyntheticScratch.create("catch-up-crash", INSTANCES, 12_013);
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
    void killedWhileCatchingUpTheRestartedServerIndexesEverythingOnce() throws Exception {
        try (HangingProxy proxy = HangingProxy.to(ES);
                ServerProcess server = ServerProcess.builder("catch-up-crash").dataDirectory(scratch.resolve("server"))
                        .elasticsearch(proxy.url())
                        .property("vna.ingest.index.catch-up-batch-size", "10")
                        // /api/status is the test's view of the catch-up's progress: keep it fresh.
                        .property("vna.health.cache-ttl", "100ms")
                        .build()) {
            try {
                server.start();
                server.awaitReady();
                proxy.refuse();

                Map<String, InstanceSender.Outcome> outcomes = new InstanceSender(dataSet, 2)
                        .send(server.dicomPort(), entries, new CountDownLatch(0));
                assertThat(outcomes.keySet()).as("an answer for every instance").isEqualTo(ElasticsearchHungIT.sops(entries));
                assertThat(outcomes.values()).as("C-STORE while Elasticsearch is away").allMatch(o -> o.status() == 0);
                Poll.until("every instance to wait in the ingest log", GUARD, () -> ServerCrashIT.queued(server),
                        n -> n == INSTANCES);

                proxy.forward();
                for (int kill = 1; kill <= KILLS; kill++) {
                    // Further in each time: a third indexed, then two thirds (the restart replays from the start).
                    long seen = killWhilePartlyIndexed(server, (long) INSTANCES * (KILLS + 1 - kill) / (KILLS + 1));
                    System.out.printf("CatchUpCrashIT: SIGKILL %d/%d with %d of %d instances still waiting for the index%n",
                            kill, KILLS, seen, INSTANCES);
                    BlobStoreAudit.Report crashed = BlobStoreAudit.of(server.blobRoot());
                    assertThat(crashed.problems()).as("after SIGKILL %d", kill).isEmpty();
                    assertThat(crashed.instances()).isEqualTo(INSTANCES);
                    assertThat(IndexOutageIT.ingestLogSegments(server)).as("the log outlives the kill").isNotEmpty();
                    server.start();
                }

                ArchiveLookup lookup = new ArchiveLookup(server);
                Poll.until("the index queue to drain", GUARD, () -> ServerCrashIT.queued(server), n -> n == 0);
                server.awaitReady();
                Poll.until("C-FIND to find every instance", GUARD, () -> lookup.cFind(entries),
                        ElasticsearchHungIT.sops(entries)::equals);
                assertThat(lookup.cFindMatches(entries)).as("C-FIND, instance level: each once").hasSize(INSTANCES)
                        .containsExactlyInAnyOrderElementsOf(ElasticsearchHungIT.sops(entries));
                Poll.until("the study summaries to count every instance", GUARD, lookup::cFindStudyInstanceCounts,
                        ElasticsearchHungIT.instancesPerStudy(entries)::equals);
                assertThat(lookup.qido(ElasticsearchHungIT.sops(entries))).as("QIDO-RS").isEqualTo(ElasticsearchHungIT.sops(entries));
                server.stop();

                BlobStoreAudit.Report done = BlobStoreAudit.of(server.blobRoot());
                assertThat(done.problems()).isEmpty();
                assertThat(done.instances()).isEqualTo(INSTANCES);
                assertThat(BlobStoreAudit.acknowledgedProblems(server.blobRoot(), dataSet, entries)).isEmpty();
                assertThat(IndexOutageIT.ingestLogSegments(server)).as("indexed: the segments are gone").isEmpty();
                ArchiveVerify.Result verify = ArchiveVerify.run(server, ES);
                assertThat(verify.exitCode()).as(verify.out()).isZero();
                assertThat(verify.out()).contains("verify: CLEAN");
                TestIndexes.drop(ES, server.indexPrefix());
            } catch (Throwable t) {
                System.out.printf("CatchUpCrashIT failed; server log %s%n", server.log());
                throw t;
            }
        }
    }

    /**
     * SIGKILL as soon as the catch-up has indexed some of the instances and not all: once no more
     * than {@code atMost} wait. Returns how many were still waiting when last seen. Asks often:
     * each answer is at most 100 ms old.
     */
    private static long killWhilePartlyIndexed(ServerProcess server, long atMost) throws Exception {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (true) {
            long queued = ServerCrashIT.queued(server);
            if (queued > 0 && queued <= atMost) {
                server.kill();
                return queued;
            }
            assertThat(queued).as("the catch-up finished before the test could kill it in the middle").isNotZero();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the catch-up did not start within " + GUARD + "; " + queued + " waiting");
            }
            Thread.sleep(20);
        }
    }
}
