package org.vesalius.vna.archive.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.ContentReadException;
import org.vesalius.vna.archive.storage.FileRangeInputStream;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * The content of one put, received into a local temporary file (owner-only permissions) while
 * its size and SHA-256 are computed. Spooling first means the digest is known before the
 * upload starts, so it goes into the object's metadata and into S3's own checksum check, and
 * every request body can be re-read for a retry. Nothing is held in the heap. Deleted on close.
 */
final class Spool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path file;
    private final long size;
    private final byte[] sha256;

    private Spool(Path file, long size, byte[] sha256) {
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /**
     * @throws ContentReadException reading {@code content} failed
     * @throws IOException          the spool file could not be written
     */
    static Spool receive(BlobKey key, InputStream content, Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "vna-s3-", ".spool");
        try {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[BUFFER_SIZE];
            ByteBuffer bytes = ByteBuffer.wrap(buffer);
            long size = 0;
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                while (true) {
                    int n;
                    try {
                        n = content.read(buffer);
                    } catch (IOException e) {
                        throw new ContentReadException("reading the content for " + key + " failed after "
                                + size + " bytes: " + e.getMessage(), e);
                    }
                    if (n < 0) {
                        break;
                    }
                    digest.update(buffer, 0, n);
                    bytes.clear().limit(n);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    size += n;
                }
            }
            return new Spool(file, size, digest.digest());
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(file);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    String sha256Hex() {
        return StoredObject.hex(sha256);
    }

    /** The digest as S3 checksum headers carry it. */
    String sha256Base64() {
        return Base64.getEncoder().encodeToString(sha256);
    }

    /** A fresh stream over part of the spool (for one attempt of one part upload). */
    InputStream open(long offset, long length) {
        try {
            return FileRangeInputStream.open(file, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spool file " + file, e);
        }
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not remove spool file {}", file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
