package org.vesalius.vna.hl7.log;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The message log as one append-only {@link RecordFile}, {@code messages.log} in its directory,
 * owner-only (it holds PHI): each record framed (magic, length, body, CRC-32) and flushed to disk
 * ({@code fdatasync}) before {@link #append} returns. On opening, a record cut short by a crash
 * (the only kind of damage an append can leave) is cut off the end: it was never acknowledged.
 *
 * <p>In memory: the position of the last accepted record of each sender and control ID (for
 * duplicates) and of every record (for pages of the log, newest first). The file is never trimmed yet: at a few hundred
 * bytes per ADT message, a million messages are a few hundred MB.
 */
public final class FileMessageLog implements MessageLog {

    private static final int MAGIC = 0x484C3731; // "HL71"
    /** Longest text field kept (peer, type, outcome...): a hostile MSH cannot make a record unreadable. */
    static final int MAX_TEXT = 2_000;

    private final RecordFile file;
    private final Path appliedMark;
    private long appliedThrough;
    private final Map<MessageKey, Long> accepted = new HashMap<>();
    /** The position of every record, by sequence - 1 (8 bytes a message: 8 MB for a million). */
    private long[] positions = new long[1024];
    private long sequence;

    private FileMessageLog(RecordFile file, Path appliedMark) {
        this.file = file;
        this.appliedMark = appliedMark;
    }

    /**
     * Opens (or creates) the log in {@code directory}, cutting off a record a crash left incomplete.
     *
     * @throws UncheckedIOException the log or its applied mark cannot be read or written
     */
    public static FileMessageLog open(Path directory) {
        FileMessageLog log = new FileMessageLog(RecordFile.open(directory, "messages.log", MAGIC), directory.resolve("applied"));
        log.appliedThrough = readMark(log.appliedMark);
        log.file.forEach((position, body) -> {
            LoggedMessage message = decode(body);
            log.remember(message, position);
            log.sequence = message.sequence();
        });
        if (!Files.exists(log.appliedMark)) {
            // A log without a mark was written by a version that applied every message before it acknowledged it.
            log.writeMark(log.sequence, true); // durable, once: from now on a missing mark means nothing

        }
        return log;
    }

    @Override
    public synchronized LoggedMessage append(LoggedMessage message) {
        LoggedMessage recorded = new LoggedMessage(sequence + 1, message.key(), message.receivedAt(), message.peer(), message.type(),
                message.version(), message.ackCode(), message.outcome(), message.raw(), message.ack());
        long position;
        try {
            position = file.append(body(recorded));
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("the HL7 message log could not be written: " + e.getMessage(), e.getCause());
        }
        sequence = recorded.sequence();
        remember(recorded, position);
        return recorded;
    }

    private void remember(LoggedMessage message, long position) {
        if (message.key() != null && message.accepted()) {
            accepted.put(message.key(), position);
        }
        int index = (int) (message.sequence() - 1);
        if (index >= positions.length) {
            positions = java.util.Arrays.copyOf(positions, Math.max(index + 1, positions.length * 2));
        }
        positions[index] = position;
    }

    @Override
    public synchronized long appliedThrough() {
        return appliedThrough;
    }

    @Override
    public synchronized void applied(long through) {
        if (through > appliedThrough) {
            writeMark(through, false);
        }
    }

    private void writeMark(long through, boolean durable) {
        Path tmp = appliedMark.resolveSibling("applied.tmp");
        try {
            Files.writeString(tmp, Long.toString(through));
            if (durable) {
                try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
            }
            Files.move(tmp, appliedMark, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (durable) {
                try (FileChannel dir = FileChannel.open(appliedMark.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the HL7 applied mark could not be written: " + e.getMessage(), e);
        }
        appliedThrough = through;
    }

    /** The mark, or 0 when there is none or it cannot be read (then everything accepted is applied again). */
    private static long readMark(Path mark) {
        try {
            return Long.parseLong(Files.readString(mark).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public synchronized Optional<LoggedMessage> accepted(MessageKey key) {
        Long position = accepted.get(key);
        return position == null ? Optional.empty() : Optional.ofNullable(read(position));
    }

    @Override
    public synchronized void replayAccepted(Consumer<LoggedMessage> each) {
        file.forEach((position, body) -> {
            LoggedMessage message = decode(body);
            if (message.accepted()) {
                each.accept(message);
            }
        });
    }

    @Override
    public synchronized Page page(long before, int limit, Predicate<LoggedMessage> matching) {
        List<LoggedMessage> messages = new ArrayList<>();
        long from = Math.min(sequence, before - 1); // the newest sequence to look at
        long seq = from;
        for (; seq >= 1 && messages.size() < limit && from - seq < PAGE_SCAN; seq--) {
            LoggedMessage message = read(positions[(int) (seq - 1)]);
            if (message != null && matching.test(message)) {
                messages.add(message);
            }
        }
        return new Page(messages, seq >= 1 ? seq + 1 : 0);
    }

    private LoggedMessage read(long position) {
        byte[] body = file.read(position);
        return body == null ? null : decode(body);
    }

    /** {@code m} as the framed record the log file holds. */
    static byte[] encode(LoggedMessage m) {
        return RecordFile.frame(MAGIC, body(m));
    }

    private static byte[] body(LoggedMessage m) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(m.raw().length + m.ack().length + 256);
            DataOutputStream body = new DataOutputStream(bytes);
            body.writeLong(m.sequence());
            body.writeLong(m.receivedAt().toEpochMilli());
            body.writeBoolean(m.key() != null);
            if (m.key() != null) {
                body.writeUTF(text(m.key().sender()));
                body.writeUTF(text(m.key().controlId()));
            }
            body.writeUTF(text(m.peer()));
            body.writeUTF(text(m.type()));
            body.writeUTF(text(m.version()));
            body.writeUTF(text(m.ackCode()));
            body.writeUTF(text(m.outcome()));
            body.writeInt(m.raw().length);
            body.write(m.raw());
            body.writeInt(m.ack().length);
            body.write(m.ack());
            body.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    private static LoggedMessage decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            long sequence = in.readLong();
            Instant receivedAt = Instant.ofEpochMilli(in.readLong());
            MessageKey key = in.readBoolean() ? new MessageKey(in.readUTF(), in.readUTF()) : null;
            String peer = in.readUTF();
            String type = in.readUTF();
            String version = in.readUTF();
            String ackCode = in.readUTF();
            String outcome = in.readUTF();
            byte[] raw = in.readNBytes(in.readInt());
            byte[] ack = in.readNBytes(in.readInt());
            return new LoggedMessage(sequence, key, receivedAt, peer, type, version, ackCode, outcome, raw, ack);
        } catch (IOException e) {
            // The CRC matched: a record this code wrote cannot be short.
            throw new UncheckedIOException("an HL7 message log record cannot be read: " + e.getMessage(), e);
        }
    }

    /** {@code s} cut to {@link #MAX_TEXT} characters (a record field is at most 64 KB of modified UTF-8). */
    private static String text(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    @Override
    public synchronized void close() {
        file.close();
    }
}
