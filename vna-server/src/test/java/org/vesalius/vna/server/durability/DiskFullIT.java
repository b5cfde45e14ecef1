package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.server.durability.DiskFullClients.StowAnswer;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.Poll;

/**
 * Disk full on a real small filesystem: the real server (a separate process) with its data
 * directory, blob root and ingest log on a 4 MB tmpfs, against the test Elasticsearch.
 *
 * <ol>
 *   <li>STOW-RS stores three instances, then C-STORE fills the disk: every answer is a success
 *       or A700 (Out of Resources); then a STOW-RS request of seven instances is answered 503 +
 *       {@code Retry-After}, each part in the Failed SOP Sequence with Failure Reason A700. The
 *       server stays alive (liveness 200; readiness 503: under 1 MiB free), nothing is left in
 *       staging, every acknowledged instance is stored whole and findable.</li>
 *   <li>The ingest log itself meets ENOSPC: the last pages are taken by another file, and
 *       instances already stored are sent again (the blob store writes nothing for them, only
 *       the log record is new). Once the log's last page is full, C-STORE answers A700 and
 *       STOW-RS 503: never a success without a durable record.</li>
 *   <li>SIGKILL on the full disk, with a torn record at the end of the log (what a crash in the
 *       middle of a write leaves), and a start on the still full disk: the server starts (the
 *       torn tail is left for a later start when there is no room to keep a copy of it), C-FIND
 *       answers, C-STORE answers A700.</li>
 *   <li>The filesystem is grown ({@code mount -o remount,size=}), without a restart: every
 *       refused instance is sent again and accepted (the log writer was not wedged), C-FIND and
 *       QIDO-RS find exactly the acknowledged instances, and {@code vna verify} is clean.</li>
 * </ol>
 *
 * Skipped where a tmpfs cannot be mounted (not root); needs the test Elasticsearch
 * ({@code vna.test.elasticsearch.url}). The answers are printed for the record.
 */
class DiskFullIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    /** About 130 KB each (256 x 256 x 16 bits): some thirty fill the 4 MB disk. */
    static final int INSTANCES = 50;
    static final int BY_C_STORE = 40;
    static final Duration GUARD = Duration.ofMinutes(2);
    static final Logger DIMSE_LOG = (Logger) LoggerFactory.getLogger("org.vesalius.dicom.net");

    static Path scratch;
    static Path dataSet;
    static List<Entry> entries;
    static SmallFilesystem disk;
    static Level dimseLevel;

    @BeforeAll
    static void generateAndMount() throws Exception {
        TestElasticsearch.require();
        Checkout.requireServerJar();
        scratch = Checkout.newScratchDirectory("disk-full");
        dataSet = scratch.resolve("data-set");
        SyntheticDataSet.generate(dataSet, new SyntheticOptions(INSTANCES, 12_012, 256));
        entries = SyntheticManifest.read(dataSet);
        dimseLevel = DIMSE_LOG.getLevel();
        DIMSE_LOG.setLevel(Level.WARN);
        disk = SmallFilesystem.mount(scratch.resolve("disk"), "4m", 2_000);
    }

    @AfterAll
    static void unmountAndCleanUp() throws Exception {
        DIMSE_LOG.setLevel(dimseLevel);
        if (disk != null) {
            disk.close();
        }
        if (scratch != null) {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }

    @Test
    void aFullDiskRefusesInProtocolTermsLosesNothingAndIngestResumesWhenThereIsRoomAgain() throws Exception {
        Path log = disk.directory().resolve("ingest-log");
        try (ServerProcess server = ServerProcess.builder("disk-full").dataDirectory(disk.directory()).elasticsearch(ES)
                .property("vna.ingest.log.directory", log.toString()).build()) {
            try {
                server.start();
                server.awaitReady();
                DiskFullClients clients = new DiskFullClients(server, dataSet);
                ArchiveLookup lookup = new ArchiveLookup(server);
                Set<String> acknowledged = new HashSet<>();

                // 1. STOW-RS while there is room, C-STORE until the disk is full, then STOW-RS again.
                List<Entry> stowedFirst = entries.subList(BY_C_STORE, BY_C_STORE + 3);
                StowAnswer early = clients.stow(stowedFirst);
                assertThat(early.status()).as(early.toString()).isEqualTo(200);
                stowedFirst.forEach(e -> acknowledged.add(e.sopInstanceUid()));
                List<Entry> byCStore = entries.subList(0, BY_C_STORE);
                Map<Entry, DiskFullClients.StoreAnswer> filling = clients.cStore(byCStore);
                print("C-STORE filling the disk", filling);
                assertThat(filling.values()).as("C-STORE answers: success or A700, nothing else")
                        .allMatch(a -> a.status() == 0 || a.status() == DicomStatus.OUT_OF_RESOURCES.code());
                filling.forEach((e, a) -> {
                    if (a.status() == 0) {
                        acknowledged.add(e.sopInstanceUid());
                    }
                });
                List<Entry> refused = filling.entrySet().stream().filter(a -> a.getValue().status() != 0)
                        .map(Map.Entry::getKey).toList();
                assertThat(refused).as("the disk filled up").isNotEmpty();
                assertThat(refused.size()).as("some went in first").isLessThan(BY_C_STORE);
                assertThat(filling.values()).filteredOn(a -> a.status() != 0)
                        .allMatch(a -> a.errorComment() != null && !a.errorComment().isBlank());

                List<Entry> byStow = entries.subList(BY_C_STORE + stowedFirst.size(), INSTANCES);
                StowAnswer stow = clients.stow(byStow);
                System.out.println("DiskFullIT: STOW-RS of " + byStow.size() + " instances on the full disk: " + stow);
                assertThat(stow.status()).as("none stored, all out of resources").isEqualTo(503);
                assertThat(stow.retryAfter()).isPresent();
                assertThat(stow.referenced()).isEmpty();
                assertThat(stow.failed()).as("each part in the Failed SOP Sequence, reason A700")
                        .isEqualTo(byStow.stream().collect(Collectors.toMap(Entry::sopInstanceUid, e -> 0xA700)));

                assertThat(server.get("/actuator/health/liveness").statusCode()).as("alive on a full disk").isEqualTo(200);
                HttpResponse<String> readiness = Poll.until("readiness to report the full disk", GUARD,
                        () -> server.get("/actuator/health/readiness"), r -> r.statusCode() == 503);
                System.out.println("DiskFullIT: readiness on the full disk (" + disk.usable() + " bytes free): 503 " + readiness.body());
                assertNothingLeftOverAndAcknowledgedIntact(server, acknowledged);
                Poll.until("C-FIND to find exactly the acknowledged instances", GUARD,
                        () -> lookup.cFind(entries), acknowledged::equals);

                // 2. The ingest log meets ENOSPC: the last pages go to another file; instances already
                // stored are sent again, so only their log records need room.
                Path fillerFile = disk.directory().resolve("filler");
                long filler = SmallFilesystem.fill(fillerFile);
                // (Each protocol sends its own: the blob is the Part 10 file as received, and a STOW-RS part's
                // File Meta differs from the one the archive writes for a C-STORE.)
                // No inode left either: once a write failed, the log's next segment cannot even be created.
                Path inodeFillers = disk.directory().resolve("inodes");
                int inodes = SmallFilesystem.exhaustInodes(inodeFillers);
                List<Entry> stored = byCStore.stream().filter(e -> acknowledged.contains(e.sopInstanceUid())).toList();
                List<DiskFullClients.StoreAnswer> again = clients.cStoreUntilRefused(stored, 400);
                System.out.printf("DiskFullIT: %d more bytes and %d inodes taken by fillers; C-STORE of stored instances again:"
                        + " %d answered 0000, then %s%n", filler, inodes, again.stream().filter(a -> a.status() == 0).count(),
                        again.stream().filter(a -> a.status() != 0).toList());
                assertThat(again).as("success or A700").allMatch(a -> a.status() == 0 || a.status() == 0xA700);
                assertThat(again).as("the log's last page filled up").anyMatch(a -> a.status() == 0xA700);
                String serverLog = Files.readString(server.log(), StandardCharsets.UTF_8);
                assertThat(serverLog).as("it is the ingest log that failed").contains("ingest log: writing");
                assertThat(serverLog).as("a record write, then the creation of a segment")
                        .containsPattern("ingest log: writing 1 record\\(s\\) failed; none of them is acknowledged:"
                                + " java.io.IOException: No space left on device")
                        .containsPattern("\\d{20}\\.log: No space left on device");
                StowAnswer stowAgain = clients.stow(stowedFirst.subList(0, 1));
                System.out.println("DiskFullIT: STOW-RS of a stored instance while the log cannot grow: " + stowAgain);
                assertThat(stowAgain.status()).isEqualTo(503);
                assertThat(stowAgain.failed()).isEqualTo(Map.of(stowedFirst.get(0).sopInstanceUid(), 0xA700));
                assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
                assertNothingLeftOverAndAcknowledgedIntact(server, acknowledged);

                // 2b. SIGKILL on the full disk, and a start on it. A crash in the middle of a log write leaves a
                // torn record at the end of the last segment: the start cuts it off, with no room to keep a copy.
                server.kill();
                FileSystemUtils.deleteRecursively(inodeFillers); // a start needs a few (the web server's temporary directories)
                Files.delete(fillerFile);
                Files.write(lastSegment(log), new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 5, 6}, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND); // a record of 100 bytes, 6 of them written
                SmallFilesystem.fill(fillerFile);
                server.start();
                System.out.println("DiskFullIT: started again on the full disk (" + disk.usable() + " bytes free)");
                Poll.until("C-FIND to answer after the start on the full disk", GUARD, () -> lookup.cFind(entries),
                        acknowledged::equals);
                Map<Entry, DiskFullClients.StoreAnswer> afterStart = clients.cStore(refused.subList(0, 1));
                print("C-STORE after the start on the full disk", afterStart);
                assertThat(afterStart.values()).allMatch(a -> a.status() == 0xA700);
                assertNothingLeftOverAndAcknowledgedIntact(server, acknowledged);

                // 3. Room again, no restart: everything refused is accepted.
                disk.resize("64m");
                List<Entry> resend = new ArrayList<>(refused);
                resend.addAll(stored); // those refused in 2 among them
                Map<Entry, DiskFullClients.StoreAnswer> resent = clients.cStore(resend);
                print("C-STORE of the refused instances (and the stored ones again) after the remount", resent);
                assertThat(resent.values()).as("accepted once there is room").allMatch(a -> a.status() == 0);
                List<Entry> restowed = new ArrayList<>(byStow);
                restowed.add(stowedFirst.get(0));
                StowAnswer restow = clients.stow(restowed);
                System.out.println("DiskFullIT: STOW-RS of the refused instances after the remount: " + restow);
                assertThat(restow.status()).isEqualTo(200);
                assertThat(restow.referenced()).isEqualTo(restowed.stream().map(Entry::sopInstanceUid).collect(Collectors.toSet()));
                entries.forEach(e -> acknowledged.add(e.sopInstanceUid()));
                server.awaitReady();

                Poll.until("C-FIND to find every instance", GUARD, () -> lookup.cFind(entries), acknowledged::equals);
                Poll.until("the index queue to drain", GUARD, () -> ServerCrashIT.queued(server), n -> n == 0);
                assertThat(lookup.qido(acknowledged)).as("QIDO-RS").isEqualTo(acknowledged);
                BlobStoreAudit.Report report = assertNothingLeftOverAndAcknowledgedIntact(server, acknowledged);
                assertThat(report.instances()).as("one object per instance").isEqualTo(INSTANCES);
                DiskFullClients.Verify verify = clients.verify(ES, log, scratch.resolve("verify.jsonl"));
                System.out.println("DiskFullIT: vna verify: exit " + verify.exitCode() + "; " + verify.summary());
                assertThat(verify.exitCode()).as(verify.output()).isZero();
                assertThat(verify.output()).contains("verify: CLEAN");
                server.stop();
                TestIndexes.drop(ES, server.indexPrefix());
            } catch (Throwable t) {
                System.out.printf("DiskFullIT failed; server log %s%n", server.log());
                throw t;
            }
        }
    }

    /** Nothing in staging, nothing but segments in the log directory, every object whole, every acknowledged one as sent. */
    private static BlobStoreAudit.Report assertNothingLeftOverAndAcknowledgedIntact(ServerProcess server, Set<String> acknowledged)
            throws Exception {
        BlobStoreAudit.Report report = BlobStoreAudit.of(server.blobRoot());
        assertThat(report.problems()).isEmpty();
        assertThat(report.staged()).as("staging leftovers").isZero();
        try (Stream<Path> files = Files.list(disk.directory().resolve("ingest-log"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the ingest log directory holds its segments, lock and damaged/ only")
                    .allMatch(n -> n.equals(".lock") || n.equals("damaged") || n.matches("\\d{20}\\.log"));
        }
        List<Entry> ack = entries.stream().filter(e -> acknowledged.contains(e.sopInstanceUid())).toList();
        assertThat(BlobStoreAudit.acknowledgedProblems(server.blobRoot(), dataSet, ack)).isEmpty();
        return report;
    }

    /** The ingest log's last segment, or a new one's name when there is none. */
    private static Path lastSegment(Path log) throws Exception {
        try (Stream<Path> files = Files.list(log)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.log")).max(Path::compareTo)
                    .orElse(log.resolve(String.format("%020d.log", 1L << 40)));
        }
    }

    private static void print(String what, Map<Entry, DiskFullClients.StoreAnswer> answers) {
        Map<String, Long> counts = new LinkedHashMap<>();
        answers.values().forEach(a -> counts.merge(a.toString(), 1L, Long::sum));
        System.out.println("DiskFullIT: " + what + ": " + counts);
    }
}
