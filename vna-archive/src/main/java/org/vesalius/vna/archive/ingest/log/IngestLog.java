package org.vesalius.vna.archive.ingest.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.OwnerOnly;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * The node's ingest log: an append-only, group-committed record of every instance acknowledged to
 * a sender and not yet confirmed by the index, on the node's own disk (never in the blob store,
 * so nodes sharing one bucket each keep their own). docs/ingest-durability.md.
 *
 * <ul>
 *   <li>{@link #append} blocks until the record is durable; one writer thread batches every record
 *       that arrived meanwhile into one write and one fdatasync ({@link GroupCommitter}).</li>
 *   <li>{@link #acknowledge} marks a record indexed (in memory); a segment whose records are all
 *       indexed is deleted. After a restart every record still on disk counts as unindexed, and
 *       {@link #replay} hands them out again: indexing is idempotent.</li>
 *   <li>Segments are files {@code {first position}.log}, rolled at {@link Settings#segmentBytes()}.
 *       Records carry a CRC32C; on open, a torn or damaged tail is cut off (the cut bytes are kept
 *       under {@code damaged/}).</li>
 * </ul>
 * One process per directory (an OS lock), except {@linkplain Settings#readOnly() read-only}
 * openers (maintenance commands beside the server), which neither lock, write nor repair.
 */
public final class IngestLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLog.class);

    /**
     * Where and how the log is kept.
     *
     * @param directory    the log's directory (created if missing)
     * @param segmentBytes a segment is rolled once it holds this much
     * @param readOnly     read what is there, without the lock; no appends
     */
    public record Settings(Path directory, long segmentBytes, boolean readOnly) {
        /** 64 MiB: about 300,000 records per segment. */
        public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

        public Settings {
            Objects.requireNonNull(directory, "directory");
            if (segmentBytes < 1024) {
                throw new IllegalArgumentException("segmentBytes must be at least 1 KiB: " + segmentBytes);
            }
        }

        /** A writable log in {@code directory} with the default segment size. */
        public static Settings of(Path directory) {
            return new Settings(directory, DEFAULT_SEGMENT_BYTES, false);
        }
    }

    /** Counters since open: records made durable, fdatasyncs of the log, directory flushes on its behalf. */
    public record Stats(long records, long forces, long directoryFlushes) {
    }

    private final Settings settings;
    private final Path directory;
    private final boolean directorySync;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final GroupCommitter committer;
    private Segment current;
    private long next;
    private long unindexed;

    private IngestLog(Settings settings) throws IOException {
        this.settings = settings;
        Path dir = settings.directory().toAbsolutePath().normalize();
        this.directorySync = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (settings.readOnly()) {
            this.directory = dir;
            this.lockChannel = null;
            this.lock = null;
        } else {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, OwnerOnly.directory(dir));
            }
            this.directory = dir.toRealPath();
            this.lockChannel = FileChannel.open(directory.resolve(".lock"),
                    EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), OwnerOnly.file(directory));
            FileLock taken;
            try {
                taken = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                taken = null; // this process has it already
            }
            this.lock = taken;
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("another process uses the ingest log at " + directory);
            }
        }
        try {
            next = SegmentRecovery.recover(this.directory, settings.readOnly(), segments);
            for (Segment s : segments.values()) {
                unindexed += s.unindexed();
            }
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw e;
        }
        this.committer = settings.readOnly() ? null : new GroupCommitter(this, directorySync);
        LOG.info("ingest log at {}: {} segment(s), {} record(s) not yet indexed{}", directory, segments.size(), unindexed,
                settings.readOnly() ? " (read-only)" : "");
    }

    /**
     * Opens (creating if needed) the log, cuts off a torn tail, and starts its writer.
     *
     * @throws IllegalStateException       another process has the directory
     * @throws StorageUnavailableException the directory cannot be created or read
     */
    public static IngestLog open(Settings settings) {
        try {
            return new IngestLog(Objects.requireNonNull(settings, "settings"));
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open the ingest log at " + settings.directory() + ": " + e, e);
        }
    }

    /** The log's directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Appends {@code entry} and returns once it is durable.
     *
     * @param directoryToFlush a directory to flush before the record is written (a blob's new entry), or null
     * @return the entry with its position
     * @throws StorageUnavailableException the record is not durable: the ingest must fail
     */
    public LogEntry append(LogEntry entry, Path directoryToFlush) {
        if (committer == null) {
            throw new IllegalStateException("the ingest log at " + directory + " is open read-only");
        }
        byte[] frame = RecordCodec.encode(entry);
        try {
            return entry.at(committer.submit(frame, directoryToFlush).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while the ingest log was written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StorageUnavailableException s ? s
                    : new StorageUnavailableException("writing the ingest log failed: " + e.getCause(), e.getCause());
        }
    }

    /** Marks the record at {@code position} indexed (or refused and recorded); idempotent. */
    public synchronized void acknowledge(long position) {
        Map.Entry<Long, Segment> e = segments.floorEntry(position);
        if (e == null || !e.getValue().contains(position)) {
            return;
        }
        Segment s = e.getValue();
        if (s.markDone(position)) {
            unindexed--;
            if (s != current && s.allDone()) {
                delete(s);
            }
        }
    }

    /** Whether the record at {@code position} still waits for the index. */
    public synchronized boolean isUnindexed(long position) {
        Map.Entry<Long, Segment> e = segments.floorEntry(position);
        return e != null && e.getValue().contains(position) && !e.getValue().isDone(position);
    }

    /** Records not yet indexed. */
    public synchronized long unindexed() {
        return unindexed;
    }

    /** Counters since open (zero for a read-only log). */
    public Stats stats() {
        return committer == null ? new Stats(0, 0, 0)
                : new Stats(committer.records(), committer.forces(), committer.directoryFlushes());
    }

    /**
     * Hands every record not yet indexed to {@code each}, oldest first, reading the durable part of
     * each segment from disk. Records indexed meanwhile may still be handed out.
     *
     * @throws UncheckedIOException a segment cannot be read
     */
    public void replay(Consumer<LogEntry> each) {
        List<Segment> snapshot;
        List<long[]> ranges = new ArrayList<>();
        synchronized (this) {
            snapshot = new ArrayList<>(segments.values());
            for (Segment s : snapshot) {
                ranges.add(new long[] {s.firstUnindexedOffset(), s.bytes});
            }
        }
        for (int i = 0; i < snapshot.size(); i++) {
            Segment s = snapshot.get(i);
            long[] range = ranges.get(i);
            if (range[0] >= range[1]) {
                continue;
            }
            try {
                long firstPosition = positionAt(s, range[0]);
                SegmentReader.read(s.file, firstPosition, range[0], range[1], (entry, offset, length) -> {
                    if (isUnindexed(entry.seq())) {
                        each.accept(entry);
                    }
                });
            } catch (java.nio.file.NoSuchFileException gone) {
                // indexed and deleted meanwhile
            } catch (IOException e) {
                throw new UncheckedIOException("reading the ingest log segment " + s.file + " failed: " + e, e);
            }
        }
    }

    private synchronized long positionAt(Segment s, long offset) {
        return s.first + s.ordinalAt(offset);
    }

    /** The writer's segment, rolled when full (a new segment's entry is flushed before it is used). */
    synchronized Segment segmentForWriting() throws IOException {
        if (current != null && current.bytes >= settings.segmentBytes()) {
            seal(current);
            current = null;
        }
        if (current == null) {
            Segment s = new Segment(directory.resolve(Segment.name(next)), next);
            s.channel = FileChannel.open(s.file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    OwnerOnly.file(s.file));
            try {
                committer.flushDirectory(directory);
            } catch (IOException | RuntimeException e) {
                // Not durably there: gone again, or every later batch would meet it and fail.
                try (FileChannel created = s.channel) {
                    Files.deleteIfExists(s.file);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            segments.put(s.first, s);
            current = s;
        }
        return current;
    }

    /** The batch is durable in {@code s} from byte {@code start}: its positions. */
    synchronized long[] committed(Segment s, List<GroupCommitter.Request> batch, long start) {
        long[] positions = new long[batch.size()];
        long offset = start;
        for (int i = 0; i < positions.length; i++) {
            int length = batch.get(i).frame().length;
            positions[i] = s.added((int) offset, length);
            offset += length;
        }
        next = s.first + s.records;
        unindexed += positions.length;
        return positions;
    }

    /** A write or fsync failed: the segment takes nothing more, and the failed batch's positions are skipped. */
    synchronized void writeFailed(Segment s, int batchSize, Exception cause) {
        LOG.error("ingest log: writing {} record(s) failed; none of them is acknowledged: {}", batchSize, cause.toString());
        if (s != null && s == current) {
            seal(current);
            current = null;
            next = s.first + s.records + batchSize; // what may have reached the file keeps positions of its own
        }
    }

    private void seal(Segment s) {
        try {
            if (s.channel != null) {
                s.channel.close();
            }
        } catch (IOException e) {
            LOG.warn("closing ingest log segment {} failed: {}", s.file, e.toString());
        }
        s.channel = null;
        if (s.allDone()) {
            delete(s);
        }
    }

    private void delete(Segment s) {
        segments.remove(s.first);
        try {
            // Not flushed: a segment that comes back after a crash is only indexed once more.
            Files.deleteIfExists(s.file);
        } catch (IOException e) {
            LOG.warn("ingest log segment {} not deleted: {}", s.file, e.toString());
        }
    }

    /** Writes what was handed over, then closes. */
    @Override
    public void close() {
        if (committer != null) {
            committer.close();
        }
        synchronized (this) {
            if (current != null) {
                seal(current);
                current = null;
            }
        }
        releaseLock();
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.warn("releasing the ingest log lock failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "IngestLog[" + directory + "]";
    }
}
