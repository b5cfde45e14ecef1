package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.ContentReadException;
import org.vesalius.vna.archive.storage.DigestingCopy;
import org.vesalius.vna.archive.storage.OwnerOnly;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * {@code {root}/.staging}: where content is written and flushed before it is renamed onto its
 * key (as Maildir's {@code tmp/}). One directory on the same filesystem as the tree, so the
 * rename is atomic, and cleaning up after a crash is a look at one directory rather than a
 * walk over millions of files.
 */
final class StagingArea {

    private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);
    private static final int BUFFER_SIZE = 64 * 1024;

    private final FsLayout layout;
    private final Fsync fsync;
    private final boolean attributes;

    /** @param attributes record the digest as a {@link DigestAttribute} (and the digest file without a flush) */
    StagingArea(FsLayout layout, Fsync fsync, boolean attributes) {
        this.layout = layout;
        this.fsync = fsync;
        this.attributes = attributes;
    }

    /**
     * Streams {@code content} into a staged data file, computing size and SHA-256, records the
     * digest as an attribute of the file (where supported), flushes it, and stages its digest
     * file (flushed only where there is no attribute). On failure nothing stays behind.
     *
     * @throws ContentReadException reading {@code content} failed
     */
    Staged stage(BlobKey key, InputStream content) throws IOException {
        String id = UUID.randomUUID().toString();
        Staged staged = new Staged(layout.stagedData(id), layout.stagedSidecar(id));
        try {
            DigestingCopy.Result copied;
            try (FileChannel out = FileChannel.open(staged.data, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    OwnerOnly.file(staged.data))) {
                copied = DigestingCopy.copy(key, content, out);
                if (attributes) {
                    DigestAttribute.write(staged.data, copied.sha256Hex()); // durable with the data's flush
                }
                fsync.file(out);
            }
            staged.size = copied.size();
            staged.sha256Hex = copied.sha256Hex();
            DigestSidecar.write(staged.sidecar, staged.sha256Hex, key.fileName(), !attributes);
            return staged;
        } catch (IOException | RuntimeException | Error e) {
            staged.close();
            throw e;
        }
    }

    /** Stages a digest file alone (to record a missing digest). The caller closes it. */
    Staged stageDigest(String sha256Hex, String fileName) throws IOException {
        String id = UUID.randomUUID().toString();
        Staged staged = new Staged(layout.stagedData(id), layout.stagedSidecar(id));
        try {
            DigestSidecar.write(staged.sidecar, sha256Hex, fileName);
            staged.sha256Hex = sha256Hex;
            return staged;
        } catch (IOException | RuntimeException | Error e) {
            staged.close();
            throw e;
        }
    }

    /**
     * Removes every staged file. Only safe while holding the root lock, before any write:
     * then each of them belongs to a writer that died.
     *
     * @return how many were removed
     */
    int clear() throws IOException {
        Path staging = layout.staging();
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(entry);
                    removed++;
                } else {
                    LOG.warn("blob store staging area holds {}, which this store did not write; left alone", entry);
                }
            }
        }
        if (removed > 0) {
            fsync.directory(staging);
        }
        return removed;
    }

    /** SHA-256 of a file, as lower-case hex. */
    static String digestOf(Path file) throws IOException {
        MessageDigest digest = DigestingCopy.sha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return StoredObject.hex(digest.digest());
    }

    /** A staged data file and digest file; {@link #close()} removes what was not renamed away. */
    static final class Staged implements AutoCloseable {
        final Path data;
        final Path sidecar;
        long size;
        String sha256Hex;

        private Staged(Path data, Path sidecar) {
            this.data = data;
            this.sidecar = sidecar;
        }

        @Override
        public void close() {
            deleteQuietly(data);
            deleteQuietly(sidecar);
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not remove staged file {}; it goes at the next start", file, e);
            }
        }
    }
}
