package org.vesalius.vna.archive.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestLogTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    static LogEntry entry(int i) {
        return new LogEntry(-1, "1.2.3", "1.2.3.4", "1.2.3.4." + i, "studies/1.2.3/series/1.2.3.4/instances/1.2.3.4." + i + ".dcm",
                SHA, 1000L + i, "DIMSE:CT" + (i % 3), AT.plusMillis(i));
    }

    private IngestLog open() {
        return IngestLog.open(IngestLog.Settings.of(dir));
    }

    private static List<LogEntry> replay(IngestLog log) {
        List<LogEntry> out = new ArrayList<>();
        log.replay(out::add);
        return out;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void theLogIsReadableByTheServersUserOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path logDir = dir.resolve("new-log");
        try (IngestLog log = IngestLog.open(IngestLog.Settings.of(logDir))) {
            log.append(entry(1), null);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logDir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(logDir)) {
            assertThat(files.filter(Files::isRegularFile).map(IngestLogTest::mode)).isNotEmpty().containsOnly("rw-------");
        }
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void manyThreadsShareFlushesAndEveryRecordIsDurableOnceItsAppendReturns() throws Exception {
        int threads = 16;
        int each = 200;
        Set<Long> positions = ConcurrentHashMap.newKeySet();
        try (IngestLog log = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        LogEntry written = log.append(entry(base + i), null);
                        assertThat(positions.add(written.seq())).isTrue();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(positions).hasSize(threads * each);
            assertThat(log.unindexed()).isEqualTo(threads * each);
            IngestLog.Stats stats = log.stats();
            assertThat(stats.records()).isEqualTo(threads * each);
            // One fdatasync per batch, and never more than one per record (how many fewer depends on the machine).
            assertThat(stats.forces()).isBetween(1L, (long) threads * each);
        }
        try (IngestLog reopened = open()) {
            List<LogEntry> all = replay(reopened);
            assertThat(all).hasSize(threads * each);
            assertThat(all.stream().map(LogEntry::seq).toList()).containsExactlyInAnyOrderElementsOf(positions);
            assertThat(all.stream().map(LogEntry::sop).distinct()).hasSize(threads * each);
        }
    }

    @Test
    void aRecordComesBackAsWritten() {
        LogEntry written;
        try (IngestLog log = open()) {
            written = log.append(new LogEntry(-1, "1.2", "1.2.3", "1.2.3.4", "studies/x.dcm", "", 0, "STOW_RS:é", AT), null);
        }
        try (IngestLog log = open()) {
            assertThat(replay(log)).containsExactly(written);
        }
    }

    @Test
    void acknowledgedRecordsAreNotReplayedAndAFullyIndexedSegmentIsDeleted() throws IOException {
        List<LogEntry> written = new ArrayList<>();
        try (IngestLog log = IngestLog.open(new IngestLog.Settings(dir, 1024, false))) {
            for (int i = 0; i < 40; i++) {
                written.add(log.append(entry(i), null));
            }
            assertThat(segments().size()).isGreaterThan(2);
            for (int i = 0; i < 30; i++) {
                log.acknowledge(written.get(i).seq());
            }
            log.acknowledge(written.get(0).seq()); // twice: no harm
            assertThat(log.unindexed()).isEqualTo(10);
            assertThat(replay(log)).extracting(LogEntry::seq)
                    .containsExactlyElementsOf(written.subList(30, 40).stream().map(LogEntry::seq).toList());
            // Segments holding only acknowledged records are gone; the first one left holds a record not acknowledged.
            long firstLeft = Long.parseLong(segments().get(0).getFileName().toString().replace(".log", ""));
            assertThat(firstLeft).isLessThanOrEqualTo(written.get(30).seq());
            assertThat(firstLeft).isGreaterThan(0);
        }
        try (IngestLog log = open()) {
            assertThat(replay(log)).extracting(LogEntry::sop).containsAll(
                    written.subList(30, 40).stream().map(LogEntry::sop).toList());
            replay(log).forEach(e -> log.acknowledge(e.seq()));
            assertThat(log.unindexed()).isZero();
            LogEntry after = log.append(entry(99), null);
            assertThat(after.seq()).isGreaterThan(written.get(39).seq()); // positions never repeat
        }
        try (IngestLog log = open()) {
            assertThat(replay(log)).extracting(LogEntry::sop).containsExactly("1.2.3.4.99");
        }
    }

    @Test
    void aTornTailIsCutOffOnOpenAndTheRecordsBeforeItStay() throws IOException {
        try (IngestLog log = open()) {
            for (int i = 0; i < 5; i++) {
                log.append(entry(i), null);
            }
        }
        Path segment = segments().get(0);
        long whole = Files.size(segment);
        byte[] frame = RecordCodec.encode(entry(5));
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(frame, 0, frame.length / 2)); // a write cut short by the crash
        }

        try (IngestLog log = open()) {
            assertThat(replay(log)).extracting(LogEntry::sop)
                    .containsExactly("1.2.3.4.0", "1.2.3.4.1", "1.2.3.4.2", "1.2.3.4.3", "1.2.3.4.4");
            assertThat(Files.size(segment)).isEqualTo(whole);
            assertThat(dir.resolve("damaged")).isDirectory();
            LogEntry next = log.append(entry(6), null);
            assertThat(next.seq()).isEqualTo(5);
        }
        try (IngestLog log = open()) {
            assertThat(replay(log)).hasSize(6);
        }
    }

    @Test
    void aTornTailWithNoRoomForItsCopyIsLeftUncutAndTheLogStillOpens() throws IOException {
        try (IngestLog log = open()) {
            for (int i = 0; i < 5; i++) {
                log.append(entry(i), null);
            }
        }
        Path segment = segments().get(0);
        long whole = Files.size(segment);
        byte[] frame = RecordCodec.encode(entry(5));
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(frame, 0, frame.length / 2));
        }
        Files.writeString(dir.resolve("damaged"), "not a directory"); // as a full disk would, the copy fails

        try (IngestLog log = open()) {
            assertThat(replay(log)).hasSize(5);
            assertThat(Files.size(segment)).as("left uncut").isGreaterThan(whole);
            assertThat(log.append(entry(6), null).seq()).isEqualTo(5);
        }
        Files.delete(dir.resolve("damaged"));
        try (IngestLog log = open()) {
            assertThat(replay(log)).hasSize(6);
            assertThat(Files.size(segment)).as("cut once there is room").isEqualTo(whole);
        }
    }

    @Test
    void aDamagedRecordEndsItsSegmentThereAndTheBytesAfterItAreKeptAside() throws IOException {
        try (IngestLog log = open()) {
            for (int i = 0; i < 5; i++) {
                log.append(entry(i), null);
            }
        }
        Path segment = segments().get(0);
        int frame = RecordCodec.encode(entry(0)).length; // entries 0..4 have frames of equal length
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x55}), 2L * frame + RecordCodec.HEADER + 20); // a flipped byte in record 2
        }

        try (IngestLog log = open()) {
            assertThat(replay(log)).extracting(LogEntry::sop).containsExactly("1.2.3.4.0", "1.2.3.4.1");
            assertThat(Files.size(segment)).isEqualTo(2L * frame);
            try (Stream<Path> kept = Files.list(dir.resolve("damaged"))) {
                assertThat(kept.toList()).singleElement().satisfies(p -> assertThat(Files.size(p)).isEqualTo(3L * frame));
            }
        }
    }

    @Test
    void anImpossibleLengthIsDamageNotAnAllocation() throws IOException {
        try (IngestLog log = open()) {
            log.append(entry(0), null);
        }
        Path segment = segments().get(0);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).flip());
        }
        try (IngestLog log = open()) {
            assertThat(replay(log)).hasSize(1);
        }
    }

    @Test
    void aSegmentWithNothingWholeIsRemoved() throws IOException {
        Files.write(dir.resolve(Segment.name(7)), new byte[] {0, 0, 0});
        try (IngestLog log = open()) {
            assertThat(replay(log)).isEmpty();
            assertThat(log.append(entry(1), null).seq()).isEqualTo(7);
        }
    }

    @Test
    void oneProcessPerDirectoryButReadersMayLook() {
        try (IngestLog log = open()) {
            log.append(entry(1), null);
            assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class).hasMessageContaining("another process");
            try (IngestLog reader = IngestLog.open(new IngestLog.Settings(dir, IngestLog.Settings.DEFAULT_SEGMENT_BYTES, true))) {
                assertThat(replay(reader)).hasSize(1);
                assertThatThrownBy(() -> reader.append(entry(2), null)).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void aDirectoryToFlushIsFlushedOncePerBatchBeforeTheRecords() throws IOException {
        Path blobs = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-blobs"));
        try (IngestLog log = open()) {
            log.append(entry(1), blobs);
            assertThat(log.stats().directoryFlushes()).isBetween(1L, 2L); // the blob directory, and the new segment's entry
        }
        Files.delete(blobs);
    }

    @Test
    void appendingToAClosedLogFailsAsUnavailable() {
        IngestLog log = open();
        log.close();
        assertThatThrownBy(() -> log.append(entry(1), null))
                .isInstanceOf(org.vesalius.vna.archive.storage.StorageUnavailableException.class);
    }
}
