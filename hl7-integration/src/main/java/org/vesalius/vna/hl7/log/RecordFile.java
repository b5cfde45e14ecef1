package org.vesalius.vna.hl7.log;

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
import java.util.function.BiConsumer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only file of framed records (magic, length, body, CRC-32), owner-only, each append
 * flushed to disk ({@code fdatasync}) before it returns. On opening, a record cut short by a crash
 * (the only damage an append can leave) is cut off the end. What the message log and the outbox
 * are written on; the body is theirs.
 */
public final class RecordFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFile.class);

    private final Path file;
    private final int magic;
    private final FileChannel channel;
    private long end;

    private RecordFile(Path file, int magic, FileChannel channel) {
        this.file = file;
        this.magic = magic;
        this.channel = channel;
    }

    /**
     * Opens (or creates, owner-only) {@code name} in {@code directory}, cutting off a record a crash
     * left incomplete.
     *
     * @param magic the first four bytes of each record: which kind of file this is
     */
    public static RecordFile open(Path directory, String name, int magic) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, ownerOnly(directory, "rwx------"));
            }
            Path file = directory.resolve(name);
            if (!Files.exists(file)) {
                Files.createFile(file, ownerOnly(directory, "rw-------"));
            }
            RecordFile records = new RecordFile(file, magic, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
            records.recover();
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + directory.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path where, String permissions) {
        return where.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    /** The file. */
    public Path path() {
        return file;
    }

    private void recover() throws IOException {
        long size = channel.size();
        long position = 0;
        while (position < size) {
            long length = lengthAt(position, size);
            if (length < 0) {
                break;
            }
            position += length;
        }
        if (position < size) {
            LOG.warn("{}: {} bytes after the last complete record (an append cut short by a crash) are cut off", file, size - position);
            channel.truncate(position);
            channel.force(true);
        }
        end = position;
    }

    /** {@code body} framed as a record of this kind of file. */
    public static byte[] frame(int magic, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(8 + body.length + 8).putInt(magic).putInt(body.length).put(body).putLong(crc.getValue()).array();
    }

    /**
     * Appends {@code body} as one record, durable on return.
     *
     * @return its position (for {@link #read})
     * @throws UncheckedIOException it could not be written; nothing after the last good record counts
     */
    public synchronized long append(byte[] body) {
        ByteBuffer record = ByteBuffer.wrap(frame(magic, body));
        long position = end;
        try {
            while (record.hasRemaining()) {
                channel.write(record, position + record.position());
            }
            channel.force(false);
        } catch (IOException e) {
            // Nothing after `end` counts: the next append overwrites it, a restart cuts it off.
            throw new UncheckedIOException(file + " could not be written: " + e.getMessage(), e);
        }
        end = position + record.capacity();
        return position;
    }

    /** The body of the record at {@code position}, or null when there is none complete there. */
    public synchronized byte[] read(long position) {
        try {
            return bodyAt(position, end);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Each record's position and body, in order. */
    public synchronized void forEach(BiConsumer<Long, byte[]> each) {
        long position = 0;
        try {
            while (position < end) {
                byte[] body = bodyAt(position, end);
                if (body == null) {
                    return;
                }
                each.accept(position, body);
                position += 16L + body.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The size of the complete record at {@code position}, or -1. */
    private long lengthAt(long position, long limit) throws IOException {
        byte[] body = bodyAt(position, limit);
        return body == null ? -1 : 16L + body.length;
    }

    private byte[] bodyAt(long position, long limit) throws IOException {
        if (limit - position < 8) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(8);
        readFully(head, position);
        if (head.getInt(0) != magic) {
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
        byte[] content = new byte[length];
        body.get(0, content);
        return content;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException();
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing {}: {}", file, e.toString());
        }
    }
}
