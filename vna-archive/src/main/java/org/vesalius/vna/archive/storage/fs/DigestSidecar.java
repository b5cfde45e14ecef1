package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.OwnerOnly;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * The digest file of an object, in the format of {@code sha256sum}: one line
 * {@code {64 hex}  {file name}}. So {@code sha256sum -c .{name}.sha256}, run in the object's
 * directory, checks the object without any Vesalius code.
 */
final class DigestSidecar {

    private static final Logger LOG = LoggerFactory.getLogger(DigestSidecar.class);
    private static final int MAX_SIZE = 512;

    private DigestSidecar() {
    }

    static byte[] content(String sha256Hex, String fileName) {
        return (sha256Hex + "  " + fileName + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes a new file (which must not exist) and flushes it to disk. */
    static void write(Path file, String sha256Hex, String fileName) throws IOException {
        write(file, sha256Hex, fileName, true);
    }

    /**
     * Writes a new file (which must not exist), flushed when {@code durable}: without, it is a
     * convenience for {@code sha256sum -c} beside a durable {@link DigestAttribute}; a crash may
     * leave it empty or missing (then ignored), never another object's digest.
     */
    static void write(Path file, String sha256Hex, String fileName, boolean durable) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content(sha256Hex, fileName));
        try (FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.file(file))) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable) {
                channel.force(true);
            }
        }
    }

    /**
     * The digest recorded for {@code fileName}, or {@code null} if there is no sidecar or it
     * is not one of ours for that name (logged).
     */
    static String read(Path file, String fileName) throws IOException {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_SIZE) {
                LOG.warn("ignoring digest file {}: {} bytes, not a digest line", file, size);
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read it all
            }
            bytes = buffer.array();
        } catch (NoSuchFileException e) {
            return null;
        }
        String line = new String(bytes, StandardCharsets.US_ASCII);
        String expectedTail = "  " + fileName + "\n";
        String hex = line.length() == 64 + expectedTail.length() && line.endsWith(expectedTail)
                ? line.substring(0, 64) : null;
        if (!StoredObject.isSha256Hex(hex)) {
            LOG.warn("ignoring digest file {}: not \"<sha256>  {}\"", file, fileName);
            return null;
        }
        return hex;
    }
}
