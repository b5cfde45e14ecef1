package org.vesalius.vna.hl7.notify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.hl7.log.RecordFile;
import org.vesalius.vna.hl7.notify.OutboxEntry.Status;

/**
 * The durable outbox of notifications: {@code outbox.log}, an append-only {@link RecordFile} (each
 * record flushed to disk before the call returns) of three kinds of record: a notification put in,
 * an attempt at one (its outcome, new status and next due time), and the scan watermark (up to
 * when receipts have been looked at). Read back whole at start, so what was pending is sent after a
 * restart, and what was put in once is not put in again ({@link #put} by key).
 *
 * <p>Delivery order: per destination and patient, the oldest pending notification goes first; a
 * later one waits for it (an ADT-driven change must not overtake the availability it changes).
 *
 * <p>Bounded: memory holds the pending notifications, the last {@value #KEEP_FINISHED} finished
 * ones (without their messages) and the keys of the last day; at opening, a file holding
 * {@value #COMPACT_AFTER} records more than that is rewritten with only what is kept (a new file,
 * then an atomic rename: a crash meanwhile leaves the old one).
 */
public final class FileOutbox implements AutoCloseable {

    private static final int MAGIC = 0x484C4F42; // "HLOB"
    private static final byte PUT = 1;
    private static final byte ATTEMPT = 2;
    private static final byte WATERMARK = 3;
    private static final byte KEY = 4;
    private static final Logger LOG = LoggerFactory.getLogger(FileOutbox.class);

    /** Finished notifications kept for the listing (and in the file past a compaction). */
    static final int KEEP_FINISHED = 1_000;
    /** How long a key is remembered: far longer than any rescan of the same receipt (the scan's overlap is 10 minutes). */
    static final Duration KEEP_KEYS = Duration.ofDays(1);
    /** The file is compacted at opening once it has this many records more than it keeps. */
    static final int COMPACT_AFTER = 10_000;

    private final Path directory;
    private final Clock clock;
    private RecordFile file;
    /** Pending notifications (with their messages) and the last finished ones (without). */
    private final Map<Long, OutboxEntry> entries = new LinkedHashMap<>();
    /** Keys put in, with when: a second look at a receipt puts nothing in. */
    private final Map<String, Instant> keys = new LinkedHashMap<>();
    private long lastId;
    private long finished;
    private long records;
    private Instant watermark;

    private FileOutbox(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** Opens (or creates) the outbox in {@code directory}. */
    public static FileOutbox open(Path directory) {
        return open(directory, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the outbox in {@code directory}: reads it back, and when it holds far more
     * records than it keeps, writes what it keeps to a new file that replaces it (atomically).
     */
    public static FileOutbox open(Path directory, Clock clock) {
        return open(directory, clock, COMPACT_AFTER);
    }

    /** As {@link #open(Path, Clock)}, compacting after {@code compactAfter} superfluous records (tests use few). */
    static FileOutbox open(Path directory, Clock clock, int compactAfter) {
        FileOutbox outbox = new FileOutbox(directory, clock);
        outbox.file = RecordFile.open(directory, FILE, MAGIC);
        outbox.file.forEach((position, body) -> {
            outbox.apply(body);
            outbox.records++;
        });
        outbox.forgetKeys();
        outbox.forgetFinished();
        if (outbox.records > outbox.kept() + compactAfter) {
            outbox.compact();
        }
        return outbox;
    }

    private static final String FILE = "outbox.log";

    /** About the records a compacted file holds: a put and an attempt per entry, a record per other key, the watermark. */
    private long kept() {
        return entries.size() * 2L + Math.max(0, keys.size() - entries.size()) + 1;
    }

    /** Drops the keys older than {@link #KEEP_KEYS}. */
    private void forgetKeys() {
        Instant cutoff = clock.instant().minus(KEEP_KEYS);
        keys.values().removeIf(at -> at.isBefore(cutoff));
    }

    /** Drops the oldest finished entries beyond {@link #KEEP_FINISHED}. */
    private void forgetFinished() {
        if (finished > KEEP_FINISHED) {
            var it = entries.values().iterator();
            while (finished > KEEP_FINISHED && it.hasNext()) {
                if (it.next().status() != Status.PENDING) {
                    it.remove();
                    finished--;
                }
            }
        }
    }

    /** Writes what is kept to {@code outbox.log.compact}, then moves it over {@code outbox.log}. */
    private void compact() {
        Path target = directory.resolve(FILE);
        Path fresh = directory.resolve(FILE + ".compact");
        boolean closed = false;
        try {
            Files.deleteIfExists(fresh);
            try (RecordFile out = RecordFile.open(directory, FILE + ".compact", MAGIC)) {
                Set<String> written = new java.util.HashSet<>();
                for (OutboxEntry e : entries.values()) {
                    out.append(putRecord(e.id(), e.key(), e.destination(), e.patientKey(), e.study(), e.reason(), e.createdAt(),
                            e.message()));
                    if (e.attempts() > 0) {
                        out.append(attemptRecord(e.id(), e.status(), e.attempts(), e.lastOutcome(), e.nextAttemptAt()));
                    }
                    written.add(e.key());
                }
                for (Map.Entry<String, Instant> k : keys.entrySet()) {
                    if (!written.contains(k.getKey())) {
                        out.append(keyRecord(k.getKey(), k.getValue()));
                    }
                }
                if (watermark != null) {
                    out.append(watermarkRecord(watermark));
                }
            }
            file.close();
            closed = true;
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true); // the rename itself durable
            } catch (IOException e) {
                // some file systems cannot open a directory: the rename is then as durable as they make it
            }
            long before = records;
            file = RecordFile.open(directory, FILE, MAGIC);
            records = kept();
            LOG.info("HL7 outbox {}: compacted from {} to about {} records", target, before, records);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("HL7 outbox {}: could not be compacted ({}); it goes on as it is", target, e.getMessage());
            if (closed) {
                file = RecordFile.open(directory, FILE, MAGIC); // the old file, or the new one if the rename was done
            }
        }
    }

    /**
     * Puts a notification in, unless one with its key is there already.
     *
     * @return the entry, or empty when the key was known (nothing written)
     */
    public synchronized Optional<OutboxEntry> put(String key, String destination, String patientKey, String study, String reason,
            Instant at, byte[] message) {
        if (keys.containsKey(key)) {
            return Optional.empty();
        }
        long id = lastId + 1;
        byte[] body = putRecord(id, key, destination, patientKey, study, reason, at, message);
        file.append(body);
        apply(body);
        records++;
        if (keys.size() > 100_000) {
            forgetKeys();
        }
        notifyAll();
        return Optional.of(entries.get(id));
    }

    /** True when a notification with {@code key} was put in (within the keys' memory, a day). */
    public synchronized boolean has(String key) {
        return keys.containsKey(key);
    }

    /** Records an attempt at entry {@code id}: its outcome, its status after, and when it is due again (if pending). */
    public synchronized OutboxEntry attempted(long id, Status status, String outcome, Instant next) {
        OutboxEntry before = entries.get(id);
        if (before == null) {
            throw new IllegalArgumentException("no notification #" + id + " in the outbox");
        }
        byte[] body = attemptRecord(id, status, before.attempts() + 1, outcome, next);
        file.append(body);
        apply(body);
        records++;
        OutboxEntry after = entries.get(id);
        forgetFinished();
        return after;
    }

    /** Up to when receipts have been looked at, or null before the first scan. */
    public synchronized Instant watermark() {
        return watermark;
    }

    /** Records that receipts up to {@code at} have been looked at. */
    public synchronized void watermark(Instant at) {
        byte[] body = watermarkRecord(at);
        file.append(body);
        apply(body);
        records++;
    }

    /**
     * The notification to attempt now: the oldest pending one of its destination and patient, due by
     * {@code now}; empty when none is.
     */
    public synchronized Optional<OutboxEntry> due(Instant now) {
        return heads().stream().filter(e -> !e.nextAttemptAt().isAfter(now)).findFirst();
    }

    /** When the next attempt is due (of a notification not waiting behind another), or empty when none is pending. */
    public synchronized Optional<Instant> nextDue() {
        return heads().stream().map(OutboxEntry::nextAttemptAt).min(Instant::compareTo);
    }

    /** The oldest pending notification of each destination and patient, oldest first: the only ones that may go. */
    private List<OutboxEntry> heads() {
        Set<String> seen = new HashSet<>();
        List<OutboxEntry> heads = new ArrayList<>();
        for (OutboxEntry e : entries.values()) {
            if (e.status() == Status.PENDING && seen.add(e.destination() + "\u0000" + e.patientKey())) {
                heads.add(e);
            }
        }
        return heads;
    }

    /** Waits until a notification is put in or {@code millis} pass. */
    public synchronized void awaitPut(long millis) throws InterruptedException {
        if (millis > 0) {
            wait(millis);
        }
    }

    /** How many notifications are pending. */
    public synchronized long pending() {
        return entries.values().stream().filter(e -> e.status() == Status.PENDING).count();
    }

    /** The newest {@code limit} notifications, newest first, of {@code status} (null: any). */
    public synchronized List<OutboxEntry> recent(Status status, int limit) {
        List<OutboxEntry> all = new ArrayList<>(entries.values());
        List<OutboxEntry> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (status == null || all.get(i).status() == status) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    private void apply(byte[] body) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
            switch (in.readByte()) {
                case PUT -> {
                    long id = in.readLong();
                    String key = in.readUTF();
                    String destination = in.readUTF();
                    String patientKey = in.readUTF();
                    String study = in.readUTF();
                    String reason = in.readUTF();
                    Instant at = Instant.ofEpochMilli(in.readLong());
                    byte[] message = in.readNBytes(in.readInt());
                    entries.put(id, new OutboxEntry(id, key, destination, patientKey, study, reason, at, message, Status.PENDING, 0, at,
                            ""));
                    keys.put(key, at);
                    lastId = Math.max(lastId, id);
                }
                case ATTEMPT -> {
                    long id = in.readLong();
                    Status status = Status.values()[in.readByte()];
                    int attempts = in.readInt();
                    String outcome = in.readUTF();
                    Instant next = Instant.ofEpochMilli(in.readLong());
                    OutboxEntry e = entries.get(id);
                    if (e != null) {
                        OutboxEntry after = e.attempted(status, attempts, outcome, next);
                        if (status != Status.PENDING) {
                            after = after.withoutMessage(); // finished: its bytes are no longer needed in memory
                            if (e.status() == Status.PENDING) {
                                finished++;
                            }
                        }
                        entries.put(id, after);
                    }
                }
                case KEY -> {
                    String key = in.readUTF();
                    keys.put(key, Instant.ofEpochMilli(in.readLong()));
                }
                case WATERMARK -> watermark = Instant.ofEpochMilli(in.readLong());
                default -> throw new IOException("unknown record kind");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the HL7 outbox " + file.path() + " holds a record this version cannot read: " + e, e);
        }
    }

    private static byte[] putRecord(long id, String key, String destination, String patientKey, String study, String reason, Instant at,
            byte[] message) {
        return write(out -> {
            out.writeByte(PUT);
            out.writeLong(id);
            out.writeUTF(key);
            out.writeUTF(destination);
            out.writeUTF(patientKey);
            out.writeUTF(study);
            out.writeUTF(reason);
            out.writeLong(at.toEpochMilli());
            out.writeInt(message.length);
            out.write(message);
        });
    }

    private static byte[] attemptRecord(long id, Status status, int attempts, String outcome, Instant next) {
        return write(out -> {
            out.writeByte(ATTEMPT);
            out.writeLong(id);
            out.writeByte(status.ordinal());
            out.writeInt(attempts);
            out.writeUTF(outcome.length() > 2_000 ? outcome.substring(0, 2_000) : outcome);
            out.writeLong(next.toEpochMilli());
        });
    }

    private static byte[] keyRecord(String key, Instant at) {
        return write(out -> {
            out.writeByte(KEY);
            out.writeUTF(key);
            out.writeLong(at.toEpochMilli());
        });
    }

    private static byte[] watermarkRecord(Instant at) {
        return write(out -> {
            out.writeByte(WATERMARK);
            out.writeLong(at.toEpochMilli());
        });
    }

    @FunctionalInterface
    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    @Override
    public synchronized void close() {
        file.close();
    }
}
