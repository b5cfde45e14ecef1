package org.vesalius.vna.archive.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.ContentReadException;
import org.vesalius.vna.archive.storage.DigestingCopy;
import org.vesalius.vna.archive.storage.FileRangeInputStream;

/**
 * The content of one put, received into a local temporary file (owner-only permissions) while
 * its size and SHA-256 are computed. Spooling first means the digest is known before the
 * upload starts, so it goes into the object's metadata and into S3's own checksum check, and
 * every request body can be re-read for a retry. Nothing is held in the heap. Deleted on close.
 */
final class Spool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path file;
    private final DigestingCopy.Result content;

    private Spool(Path file, DigestingCopy.Result content) {
        this.file = file;
        this.content = content;
    }

    /**
     * @throws ContentReadException reading {@code content} failed
     * @throws IOException          the spool file could not be written
     */
    static Spool receive(BlobKey key, InputStream content, Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "vna-s3-", ".spool");
        try {
            DigestingCopy.Result copied;
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                copied = DigestingCopy.copy(key, content, out);
            }
            return new Spool(file, copied);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(file);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    long size() {
        return content.size();
    }

    String sha256Hex() {
        return content.sha256Hex();
    }

    /** The digest as S3 checksum headers carry it. */
    String sha256Base64() {
        return content.sha256Base64();
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
}
