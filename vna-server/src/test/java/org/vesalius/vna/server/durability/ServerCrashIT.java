package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.server.process.Poll;

/**
 * Invariant 1 under SIGKILL. A modality sends a generated data set of 2,000 instances to the real
 * server (a separate process) on four C-STORE associations, and the server is killed with SIGKILL
 * at random points of that ingest: after a random number of acknowledged instances, five times
 * by default. After each kill the server is started again and the sender goes on with every
 * instance it has no success for, as a modality does; after the last kill it completes. At each
 * kill:
 *
 * <ol>
 *   <li>before the restart, nothing half-written is visible in the blob store's layout (content
 *       being written may remain in {@code .staging}): every object is whole, every digest right;
 *   <li>after the restart, {@code .staging} is empty, and every instance whose C-STORE got a
 *       success status so far is under its key with its digest and exactly the data set sent, and
 *       C-FIND and QIDO-RS find it once the catch-up has replayed the node's ingest log (every
 *       record still on disk counts as unindexed after the restart), with no manual step.
 * </ol>
 *
 * At the end every one of the 2,000 instances is stored once, whole, and findable.
 *
 * <p>The kill points come from a seed printed at the start ({@code -Dvna.test.crash.seed=} repeats
 * them; {@code -Dvna.test.crash.runs=} sets the number of kills). Needs the test Elasticsearch
 * ({@code vna.test.elasticsearch.url}, as {@code ./vna test} provides); the server uses its own
 * index prefix, dropped afterwards.
 */
class ServerCrashIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final int INSTANCES = 2_000;
    static final int ASSOCIATIONS = 4;
    static final Duration CATCH_UP_GUARD = Duration.ofMinutes(3);
    static final ObjectMapper JSON = new ObjectMapper();

    static SyntheticScratch data;
    static Path scratch;
    static Path dataSet;
    static List<Entry> entries;

    @BeforeAll
    static void generate() throws Exception {
        data = SyntheticScratch.create("server-crash", INSTANCES, 1_001);
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
    void acknowledgedInstancesSurviveSigkillWholeAndFindable() throws Exception {
        long seed = Long.getLong("vna.test.crash.seed", System.currentTimeMillis());
        int kills = Integer.getInteger("vna.test.crash.runs", 5);
        List<Integer> killPoints = killPoints(new Random(seed), kills);
        System.out.printf("ServerCrashIT: %d kills after %s acknowledged instances (seed %d; -Dvna.test.crash.seed=%d repeats them)%n",
                kills, killPoints, seed, seed);
        InstanceSender sender = new InstanceSender(dataSet, ASSOCIATIONS);
        Set<String> acknowledged = new HashSet<>();
        try (ServerProcess server = ServerProcess.builder("server-crash").elasticsearch(ES).build()) {
            try {
                server.start();
                server.awaitReady();
                for (int run = 1; run <= kills; run++) {
                    int killAfter = Math.max(0, killPoints.get(run - 1) - acknowledged.size());
                    Map<String, InstanceSender.Outcome> outcomes = sendAndKill(server, sender, pending(acknowledged), killAfter);
                    int before = acknowledged.size();
                    outcomes.values().stream().filter(InstanceSender.Outcome::acknowledged)
                            .forEach(o -> acknowledged.add(o.sopInstanceUid()));
                    assertThat(outcomes.values()).as("run %d: a valid instance refused", run)
                            .noneMatch(o -> o.status() >= 0 && !o.acknowledged());

                    // The disk as the crash left it: nothing half-written in the layout.
                    BlobStoreAudit.Report crashed = BlobStoreAudit.of(server.blobRoot());
                    System.out.printf("ServerCrashIT run %d/%d: SIGKILL after %d more acknowledged C-STOREs; %d newly"
                            + " acknowledged (%d in all), %d sent without response; on disk: %d instances (%d not"
                            + " acknowledged), %d staged files, %d queue markers, %d ingest-log segment(s)%n", run, kills, killAfter,
                            acknowledged.size() - before, acknowledged.size(),
                            outcomes.values().stream().filter(o -> o.status() < 0).count(), crashed.instances(),
                            crashed.instances() - acknowledged.size(), crashed.staged(), crashed.queued(),
                            IndexOutageIT.ingestLogSegments(server).size());
                    assertThat(crashed.problems()).as("run %d, right after SIGKILL", run).isEmpty();
                    assertThat(BlobStoreAudit.acknowledgedProblems(server.blobRoot(), dataSet, withUids(acknowledged)))
                            .as("run %d, right after SIGKILL", run).isEmpty();

                    server.start();
                    server.awaitReady();
                    verify(server, withUids(acknowledged), "after restart " + run);
                }
                Map<String, InstanceSender.Outcome> rest = sender.send(server.dicomPort(), pending(acknowledged), new CountDownLatch(0));
                assertThat(rest.values()).as("the rest").hasSize(INSTANCES - acknowledged.size())
                        .allMatch(InstanceSender.Outcome::acknowledged);
                BlobStoreAudit.Report complete = verify(server, entries, "once complete");
                assertThat(complete.instances()).as("one object per instance").isEqualTo(INSTANCES);
                assertThat(complete.objectsWithoutDigest()).isZero();
                server.stop();
                TestIndexes.drop(ES, server.indexPrefix());
                FileSystemUtils.deleteRecursively(server.dataDirectory().toFile());
            } catch (Throwable t) {
                System.out.printf("ServerCrashIT failed; server log %s, archive kept in %s%n", server.log(), server.dataDirectory());
                throw t;
            }
        }
    }

    /** Sends {@code toSend}; SIGKILL once {@code killAfter} of them were acknowledged. */
    private static Map<String, InstanceSender.Outcome> sendAndKill(ServerProcess server, InstanceSender sender,
            List<Entry> toSend, int killAfter) throws Exception {
        CountDownLatch acknowledgements = new CountDownLatch(killAfter);
        Thread killer = Thread.ofPlatform().name("killer").start(() -> {
            try {
                acknowledgements.await();
                server.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Map<String, InstanceSender.Outcome> outcomes = sender.send(server.dicomPort(), toSend, acknowledgements);
        assertThat(killer.join(Duration.ofMinutes(2))).as("the killer has struck").isTrue();
        assertThat(server.isRunning()).isFalse();
        return outcomes;
    }

    /**
     * Increasing numbers of acknowledged instances to kill after, spread over the ingest, at least
     * ten apart, so that every kill interrupts a busy server.
     */
    private static List<Integer> killPoints(Random random, int kills) {
        List<Integer> points = new ArrayList<>();
        int room = INSTANCES - 20 - 10 * kills;
        List<Integer> draws = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            draws.add(random.nextInt(room));
        }
        draws.sort(null);
        for (int i = 0; i < kills; i++) {
            points.add(draws.get(i) + 10 * (i + 1));
        }
        return points;
    }

    /**
     * Every instance in {@code expected} is findable by C-FIND (and QIDO-RS when served) once the
     * catch-up has drained the index queue; it is stored whole; nothing half-written anywhere.
     */
    private static BlobStoreAudit.Report verify(ServerProcess server, List<Entry> expected, String when) throws Exception {
        Set<String> sops = expected.stream().map(Entry::sopInstanceUid).collect(Collectors.toSet());
        ArchiveLookup lookup = new ArchiveLookup(server);
        Poll.until("C-FIND to find every acknowledged instance " + when, CATCH_UP_GUARD,
                () -> missing(sops, lookup.cFind(expected)), Set::isEmpty);
        Poll.until("the index queue to drain " + when, CATCH_UP_GUARD, () -> queued(server), n -> n == 0);
        assertThat(missing(sops, lookup.qido(sops))).as("QIDO-RS " + when).isEmpty();
        BlobStoreAudit.Report report = BlobStoreAudit.of(server.blobRoot());
        assertThat(report.problems()).as(when).isEmpty();
        assertThat(report.staged()).as(when + ": staging emptied at start-up").isZero();
        assertThat(BlobStoreAudit.acknowledgedProblems(server.blobRoot(), dataSet, expected)).as(when).isEmpty();
        return report;
    }

    private static List<Entry> pending(Set<String> acknowledged) {
        return entries.stream().filter(e -> !acknowledged.contains(e.sopInstanceUid())).toList();
    }

    private static List<Entry> withUids(Set<String> sops) {
        return entries.stream().filter(e -> sops.contains(e.sopInstanceUid())).toList();
    }

    private static Set<String> missing(Set<String> expected, Set<String> found) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(found);
        return missing;
    }

    static long queued(ServerProcess server) throws Exception {
        return JSON.readTree(server.get("/api/status").body()).path("index").path("queuedForIndexing").asLong(-1);
    }
}
