package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.archive.ingest.log.CrashPoint;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.Poll;

/**
 * The two windows of the ingest path that the ingest log creates, each hit exactly: the real
 * server (a separate process) is stopped dead ({@code Runtime.halt}, as SIGKILL) by the test-only
 * {@link CrashPoint} hook, then started again without it, and the sender goes on as a modality does.
 *
 * <ol>
 *   <li><b>Blob durable, log record not written.</b> The instance was not acknowledged (the
 *       association died without a response). After the restart its blob is there, whole, but
 *       nothing claims it is indexed; the sender's retry finds the same bytes
 *       ({@code ALREADY_STORED}), writes the record, and the instance is stored once and findable.</li>
 *   <li><b>Log record durable (and the sender answered), index not written.</b> The instances were
 *       acknowledged; after the restart the catch-up replays the log and indexes them with no
 *       manual step: C-FIND and QIDO-RS find each, the blob store audit is clean and nothing waits.</li>
 * </ol>
 */
class IngestLogCrashIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final int INSTANCES = 6;
    static final Duration GUARD = Duration.ofMinutes(3);

    static Path scratch;
    static Path dataSet;
    static List<Entry> entries;

    @BeforeAll
    static void generate() throws Exception {
        TestElasticsearch.require();
        Checkout.requireServerJar();
        scratch = Checkout.newScratchDirectory("ingest-log-crash");
        dataSet = scratch.resolve("data-set");
        SyntheticDataSet.generate(dataSet, SyntheticOptions.of(INSTANCES).withSeed(2_002));
        entries = SyntheticManifest.read(dataSet);
    }

    @AfterAll
    static void cleanUp() {
        if (scratch != null) {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }

    @Test
    void haltedBetweenBlobAndLogRecordTheInstanceIsNotAcknowledgedAndTheRetryStoresItOnce() throws Exception {
        Path data = scratch.resolve("before-log");
        String prefix = "proc-beforelog-" + System.nanoTime();
        InstanceSender sender = new InstanceSender(dataSet, 1);
        Map<String, InstanceSender.Outcome> first;
        try (ServerProcess halting = server("before-log", data, prefix, CrashPoint.BEFORE_LOG + ":3")) {
            halting.start();
            halting.awaitReady();
            first = sender.send(halting.dicomPort(), entries, new CountDownLatch(0));
            Poll.until("the server to halt at " + CrashPoint.BEFORE_LOG, GUARD, halting::isRunning, running -> !running);
        }
        Set<String> acknowledged = acknowledged(first);
        assertThat(acknowledged).as("the two before the halt").hasSize(2);
        Entry third = entries.get(2);
        assertThat(first.get(third.sopInstanceUid()).acknowledged()).as("the instance in the window").isFalse();

        // The disk as the halt left it: the third blob is whole under its key, never acknowledged.
        BlobStoreAudit.Report halted = BlobStoreAudit.of(data.resolve("blobs"));
        assertThat(halted.problems()).isEmpty();
        assertThat(halted.instances()).isEqualTo(3);
        System.out.printf("IngestLogCrashIT before-log: %d acknowledged, %d blobs on disk after the halt%n",
                acknowledged.size(), halted.instances());

        try (ServerProcess restarted = server("before-log-restart", data, prefix, null)) {
            restarted.start();
            restarted.awaitReady();
            ArchiveLookup lookup = new ArchiveLookup(restarted);
            Poll.until("C-FIND to find the acknowledged instances", GUARD, () -> lookup.cFind(entries),
                    found -> found.containsAll(acknowledged));
            Poll.until("the log to drain", GUARD, () -> ServerCrashIT.queued(restarted), n -> n == 0);
            assertThat(lookup.cFind(entries)).as("what the archive owes after the halt").isEqualTo(acknowledged);

            // The modality sends again what it has no success for.
            List<Entry> retry = entries.stream().filter(e -> !acknowledged.contains(e.sopInstanceUid())).toList();
            Map<String, InstanceSender.Outcome> second = sender.send(restarted.dicomPort(), retry, new CountDownLatch(0));
            assertThat(second.values()).hasSize(retry.size()).allMatch(InstanceSender.Outcome::acknowledged);
            Poll.until("C-FIND to find every instance", GUARD, () -> lookup.cFind(entries), sops(entries)::equals);
            assertThat(lookup.qido(sops(entries))).isEqualTo(sops(entries));
            restarted.stop();
            BlobStoreAudit.Report done = BlobStoreAudit.of(data.resolve("blobs"));
            assertThat(done.problems()).isEmpty();
            assertThat(done.instances()).as("stored once: the retry found the same bytes").isEqualTo(INSTANCES);
            assertThat(done.objectsWithoutDigest()).isZero();
            assertThat(BlobStoreAudit.acknowledgedProblems(data.resolve("blobs"), dataSet, entries)).isEmpty();
        } finally {
            TestIndexes.drop(ES, prefix);
        }
    }

    @Test
    void haltedBetweenLogRecordAndIndexTheAcknowledgedInstancesAreIndexedByTheCatchUpAfterTheRestart() throws Exception {
        Path data = scratch.resolve("before-index");
        String prefix = "proc-beforeindex-" + System.nanoTime();
        InstanceSender sender = new InstanceSender(dataSet, 1);
        Map<String, InstanceSender.Outcome> sent;
        try (ServerProcess halting = server("before-index", data, prefix, CrashPoint.BEFORE_INDEX + ":1")) {
            halting.start();
            halting.awaitReady();
            sent = sender.send(halting.dicomPort(), entries, new CountDownLatch(0));
            Poll.until("the server to halt at " + CrashPoint.BEFORE_INDEX, GUARD, halting::isRunning, running -> !running);
        }
        Set<String> acknowledged = acknowledged(sent);
        // The background writer lingers 5 s for its first batch: the sender has its answers by then.
        assertThat(acknowledged).as("acknowledged before the index was written").isNotEmpty();
        List<Entry> owed = entries.stream().filter(e -> acknowledged.contains(e.sopInstanceUid())).toList();
        assertThat(IndexOutageIT.ingestLogSegments(data)).as("their records, in the node's log").isNotEmpty();
        System.out.printf("IngestLogCrashIT before-index: %d acknowledged, none indexed, at the halt%n", acknowledged.size());

        try (ServerProcess restarted = server("before-index-restart", data, prefix, null)) {
            restarted.start();
            restarted.awaitReady();
            ArchiveLookup lookup = new ArchiveLookup(restarted);
            // No manual step: the catch-up replays the log.
            Poll.until("C-FIND to find every acknowledged instance", GUARD, () -> lookup.cFind(owed),
                    found -> found.containsAll(acknowledged));
            Poll.until("the log to drain", GUARD, () -> ServerCrashIT.queued(restarted), n -> n == 0);
            assertThat(lookup.qido(acknowledged)).as("QIDO-RS").isEqualTo(acknowledged);
            restarted.stop();
            BlobStoreAudit.Report done = BlobStoreAudit.of(data.resolve("blobs"));
            assertThat(done.problems()).isEmpty();
            assertThat(done.queued()).isZero();
            assertThat(BlobStoreAudit.acknowledgedProblems(data.resolve("blobs"), dataSet, owed)).isEmpty();
            assertThat(IndexOutageIT.ingestLogSegments(data)).as("indexed: the segments are gone").isEmpty();
        } finally {
            TestIndexes.drop(ES, prefix);
        }
    }

    private static ServerProcess server(String name, Path data, String prefix, String haltAt) throws Exception {
        ServerProcess.Builder b = ServerProcess.builder("ingest-log-" + name).elasticsearch(ES).dataDirectory(data)
                .indexPrefix(prefix).property("vna.ingest.index.linger", "5s");
        if (haltAt != null) {
            b.jvmOptions("-D" + CrashPoint.PROPERTY + "=" + haltAt);
        }
        return b.build();
    }

    private static Set<String> acknowledged(Map<String, InstanceSender.Outcome> outcomes) {
        return outcomes.values().stream().filter(InstanceSender.Outcome::acknowledged)
                .map(InstanceSender.Outcome::sopInstanceUid).collect(Collectors.toSet());
    }

    private static Set<String> sops(List<Entry> list) {
        return list.stream().map(Entry::sopInstanceUid).collect(Collectors.toSet());
    }
}
