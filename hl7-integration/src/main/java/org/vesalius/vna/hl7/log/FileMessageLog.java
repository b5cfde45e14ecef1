package org.vesalius.vna.hl7.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message log as one append-only file, {@code messages.log} in its directory, owner-only (it
 * holds PHI). Each record is framed (magic, length, body, CRC-32) and the file is flushed to disk
 * ({@code fdatasync}) before {@link #append} returns. On opening, a record cut short by a crash
 * (the only kind of damage an append can leave) is cut off the end: it was never acknowledged.
 *
 * <p>In memory: the position of the last accepted record of each sender and control ID (for
 * duplicates) and of the most recent records. The file is never trimmed yet: at a few hundred
 * bytes per ADT message, a million messages are a few hundred MB.
 */
public final class FileMessageLog implements MessageLog {

    private static final Logger LOG = LoggerFactory.getLogger(FileMessageLog.class);
    private static final int MAGIC = 0x484C3731; // "HL71"
    /** Longest text field kept (peer, type, outcome...): a hostile MSH cannot make a record unreadable. */
    static final int MAX_TEXT = 2_000;
    private static final int RECENT = 1_000;

    private final Path file;
    private final FileChannel channel;
    private final Map<MessageKey, Long> accepted = new HashMap<>();
    private final Deque<Long> recent = new ArrayDeque<>();
    private long sequence;
    private long end;

    private FileMessageLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (or creates) the log in {@code directory}, cutting off a record a crash left incomplete. */
    public static FileMessageLog open(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, ownerOnly(directory, "rwx------"));
            }
            Path file = directory.resolve("messages.log");
            if (!Files.exists(file)) {
                Files.createFile(file, ownerOnly(directory, "rw-------"));
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileMessageLog log = new FileMessageLog(file, channel);
            log.recover();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the HL7 message log in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path where, String permissions) {
        return where.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    private void recover() throws IOException {
        long size = channel.size();
        long position = 0;
        while (position < size) {
            Framed record = readAt(position, size);
            if (record == null) {
                break;
            }
            remember(record.message(), position);
            sequence = record.message().sequence();
            position += record.length();
        }
        if (position < size) {
            LOG.warn("HL7 message log {}: {} bytes after the last complete record (an append cut short by a crash, never"
                    + " acknowledged) are cut off", file, size - position);
            channel.truncate(position);
            channel.force(true);
        }
        end = position;
    }

    @Override
    public synchronized LoggedMessage append(LoggedMessage message) {
        LoggedMessage recorded = new LoggedMessage(sequence + 1, message.key(), message.receivedAt(), message.peer(), message.type(),
                message.version(), message.ackCode(), message.outcome(), message.raw(), message.ack());
        ByteBuffer record = ByteBuffer.wrap(encode(recorded));
        try {
            long position = end;
            while (record.hasRemaining()) {
                channel.write(record, position + record.position());
            }
            channel.force(false);
            end = position + record.capacity();
            sequence = recorded.sequence();
            remember(recorded, position);
            return recorded;
        } catch (IOException e) {
            // Nothing after `end` counts: the next append overwrites it, a restart cuts it off.
            throw new UncheckedIOException("the HL7 message log " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    private void remember(LoggedMessage message, long position) {
        if (message.key() != null && message.accepted()) {
            accepted.put(message.key(), position);
        }
        recent.addFirst(position);
        if (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    @Override
    public synchronized Optional<LoggedMessage> accepted(MessageKey key) {
        Long position = accepted.get(key);
        return position == null ? Optional.empty() : Optional.ofNullable(read(position));
    }

    @Override
    public synchronized void replayAccepted(Consumer<LoggedMessage> each) {
        long position = 0;
        while (position < end) {
            Framed record;
            try {
                record = readAt(position, end);
            } catch (IOException e) {
                throw new UncheckedIOException("the HL7 message log " + file + " could not be read: " + e.getMessage(), e);
            }
            if (record == null) {
                break;
            }
            if (record.message().accepted()) {
                each.accept(record.message());
            }
            position += record.length();
        }
    }

    @Override
    public synchronized List<LoggedMessage> recent(int limit) {
        List<LoggedMessage> messages = new ArrayList<>();
        for (Long position : recent) {
            if (messages.size() >= limit) {
                break;
            }
            LoggedMessage message = read(position);
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    private LoggedMessage read(long position) {
        try {
            Framed record = readAt(position, end);
            return record == null ? null : record.message();
        } catch (IOException e) {
            throw new UncheckedIOException("the HL7 message log " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** A record read back, and its length in the file. */
    private record Framed(LoggedMessage message, long length) {
    }

    /** The record at {@code position}, or null when it is incomplete or damaged before {@code limit}. */
    private Framed readAt(long position, long limit) throws IOException {
        if (limit - position < 8) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(8);
        readFully(head, position);
        if (head.getInt(0) != MAGIC) {
            return null;
        }
        int length = head.getInt(4);
        if (length < 0 || limit - position - 8 - 8 < length) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length + 8);
        readFully(body, position + 8);
        CRC32 crc = new CRC32();
        crc.update(body.array(), 0, length);
        if (body.getLong(length) != crc.getValue()) {
            return null;
        }
        try {
            return new Framed(decode(new DataInputStream(new ByteArrayInputStream(body.array(), 0, length))), 8L + length + 8);
        } catch (EOFException e) {
            return null;
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException();
            }
        }
    }

    static byte[] encode(LoggedMessage m) {
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
            byte[] content = bytes.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(content);
            ByteBuffer record = ByteBuffer.allocate(8 + content.length + 8);
            record.putInt(MAGIC).putInt(content.length).put(content).putLong(crc.getValue());
            return record.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    private static LoggedMessage decode(DataInputStream in) throws IOException {
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
    }

    /** {@code s} cut to {@link #MAX_TEXT} characters (a record field is at most 64 KB of modified UTF-8). */
    private static String text(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing the HL7 message log {}: {}", file, e.toString());
        }
    }
}
