package org.vesalius.vna.hl7.notify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Never trimmed yet: a few KB per notification.
 */
public final class FileOutbox implements AutoCloseable {

    private static final int MAGIC = 0x484C4F42; // "HLOB"
    private static final byte PUT = 1;
    private static final byte ATTEMPT = 2;
    private static final byte WATERMARK = 3;

    private final RecordFile file;
    private final Map<Long, OutboxEntry> entries = new LinkedHashMap<>();
    private final Set<String> keys = new HashSet<>();
    private long lastId;
    private Instant watermark;

    private FileOutbox(RecordFile file) {
        this.file = file;
    }

    /** Opens (or creates) the outbox in {@code directory}. */
    public static FileOutbox open(Path directory) {
        FileOutbox outbox = new FileOutbox(RecordFile.open(directory, "outbox.log", MAGIC));
        outbox.file.forEach((position, body) -> outbox.apply(body));
        return outbox;
    }

    /**
     * Puts a notification in, unless one with its key is there already.
     *
     * @return the entry, or empty when the key was known (nothing written)
     */
    public synchronized Optional<OutboxEntry> put(String key, String destination, String patientKey, String study, String reason,
            Instant at, byte[] message) {
        if (keys.contains(key)) {
            return Optional.empty();
        }
        OutboxEntry entry = new OutboxEntry(lastId + 1, key, destination, patientKey, study, reason, at, message, Status.PENDING, 0,
                at, "");
        byte[] body = write(out -> {
            out.writeByte(PUT);
            out.writeLong(entry.id());
            out.writeUTF(key);
            out.writeUTF(destination);
            out.writeUTF(patientKey);
            out.writeUTF(study);
            out.writeUTF(reason);
            out.writeLong(at.toEpochMilli());
            out.writeInt(message.length);
            out.write(message);
        });
        file.append(body);
        apply(body);
        notifyAll();
        return Optional.of(entry);
    }

    /** Records an attempt at entry {@code id}: its outcome, its status after, and when it is due again (if pending). */
    public synchronized OutboxEntry attempted(long id, Status status, String outcome, Instant next) {
        byte[] body = write(out -> {
            out.writeByte(ATTEMPT);
            out.writeLong(id);
            out.writeByte(status.ordinal());
            out.writeUTF(outcome.length() > 2_000 ? outcome.substring(0, 2_000) : outcome);
            out.writeLong(next.toEpochMilli());
        });
        file.append(body);
        apply(body);
        return entries.get(id);
    }

    /** Up to when receipts have been looked at, or null before the first scan. */
    public synchronized Instant watermark() {
        return watermark;
    }

    /** Records that receipts up to {@code at} have been looked at. */
    public synchronized void watermark(Instant at) {
        byte[] body = write(out -> {
            out.writeByte(WATERMARK);
            out.writeLong(at.toEpochMilli());
        });
        file.append(body);
        apply(body);
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
                    keys.add(key);
                    lastId = Math.max(lastId, id);
                }
                case ATTEMPT -> {
                    long id = in.readLong();
                    Status status = Status.values()[in.readByte()];
                    String outcome = in.readUTF();
                    Instant next = Instant.ofEpochMilli(in.readLong());
                    OutboxEntry e = entries.get(id);
                    if (e != null) {
                        entries.put(id, e.attempted(status, outcome, next));
                    }
                }
                case WATERMARK -> watermark = Instant.ofEpochMilli(in.readLong());
                default -> throw new IOException("unknown record kind");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the HL7 outbox " + file.path() + " holds a record this version cannot read: " + e, e);
        }
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
