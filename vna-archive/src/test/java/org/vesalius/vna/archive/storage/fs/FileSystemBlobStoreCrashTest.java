package org.vesalius.vna.archive.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.GeneratedContent;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * What a crash in the middle of {@code put} leaves, and how the next start deals with it. A
 * hook copies the whole root at a point inside {@code put}: every write before that point was
 * flushed, so the copy is what the disk holds if the power fails there. A new store is then
 * opened on the copy, as after a reboot.
 */
class FileSystemBlobStoreCrashTest {

    private static final BlobKey KEY = BlobKey.of("studies/1.2/series/1.2.3/instances/1.2.3.4.dcm");

    @TempDir
    Path tmp;

    @Test
    void crashBeforeTheRenameLeavesNothingVisibleAndStartupCleansUp() throws IOException {
        Path root = tmp.resolve("root");
        Path crashed = tmp.resolve("crashed");
        try (FileSystemBlobStore store = new FileSystemBlobStore(root, at(Point.STAGED, root, crashed))) {
            store.put(KEY, content("new instance"));
        }
        assertThat(filesIn(crashed.resolve(FsLayout.STAGING_DIR))).as("staged data and digest at the crash").hasSize(2);

        try (FileSystemBlobStore restarted = new FileSystemBlobStore(crashed)) {
            assertThat(filesIn(crashed.resolve(FsLayout.STAGING_DIR))).isEmpty();
            assertThat(restarted.stat(KEY)).isEmpty();
            try (Stream<BlobKey> keys = restarted.list("")) {
                assertThat(keys).isEmpty();
            }
            assertThat(allFiles(crashed)).containsExactly(FsLayout.LOCK_FILE);
        }
    }

    @Test
    void crashBeforeTheRenameOfAnOverwriteKeepsTheOldVersionWithItsDigest() throws IOException {
        Path root = tmp.resolve("root");
        Path crashed = tmp.resolve("crashed");
        StoredObject old;
        try (FileSystemBlobStore store = new FileSystemBlobStore(root)) {
            old = store.put(KEY, content("old version"));
        }
        try (FileSystemBlobStore store = new FileSystemBlobStore(root, at(Point.STAGED, root, crashed))) {
            store.put(KEY, content("new version"));
        }

        try (FileSystemBlobStore restarted = new FileSystemBlobStore(crashed)) {
            assertThat(restarted.stat(KEY)).contains(old);
            assertThat(GeneratedContent.sha256(restarted.open(KEY))).isEqualTo(old.sha256Hex());
        }
    }

    @Test
    void crashBetweenTheTwoRenamesLeavesTheObjectWithoutADigestNeverAWrongOne() throws IOException {
        Path root = tmp.resolve("root");
        Path crashed = tmp.resolve("crashed");
        try (FileSystemBlobStore store = new FileSystemBlobStore(root)) {
            store.put(KEY, content("old version"));
        }
        try (FileSystemBlobStore store = new FileSystemBlobStore(root, at(Point.DATA_COMMITTED, root, crashed))) {
            store.put(KEY, content("new version"));
        }
        Path again = tmp.resolve("again");
        copyTree(crashed, again);

        try (FileSystemBlobStore restarted = new FileSystemBlobStore(crashed)) {
            assertThat(filesIn(crashed.resolve(FsLayout.STAGING_DIR))).isEmpty();
            StoredObject found = restarted.stat(KEY).orElseThrow();
            // Without user attributes the old digest file was removed before the content changed, and the
            // new one is not there yet; with them the new file carries its own digest. Never the old one.
            String newDigest = GeneratedContent.sha256("new version".getBytes(StandardCharsets.UTF_8));
            assertThat(found.sha256Hex()).as("no digest, or the new content's").isIn(null, newDigest);
            assertThat(new String(restarted.open(KEY).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("new version");

            // The sender retries (its put was never acknowledged): same bytes, so the digest is recorded.
            PutResult retry = restarted.put(KEY, content("new version"), PutMode.IF_ABSENT);
            assertThat(retry).isInstanceOfSatisfying(PutResult.Existing.class, e -> assertThat(e.sameContent()).isTrue());
            assertThat(restarted.stat(KEY).orElseThrow().sha256Hex())
                    .isEqualTo(GeneratedContent.sha256("new version".getBytes(StandardCharsets.UTF_8)));
            // And its digest file is there again, for tools that do not read attributes.
            assertThat(DigestSidecar.read(crashed.resolve("studies/1.2/series/1.2.3/instances/.1.2.3.4.dcm.sha256"),
                    "1.2.3.4.dcm")).isEqualTo(newDigest);
        }
        try (FileSystemBlobStore restarted = new FileSystemBlobStore(again)) {
            // Different bytes offered: nothing is certified.
            PutResult other = restarted.put(KEY, content("other bytes"), PutMode.IF_ABSENT);
            String newDigest = GeneratedContent.sha256("new version".getBytes(StandardCharsets.UTF_8));
            assertThat(other).isInstanceOfSatisfying(PutResult.Existing.class, e -> {
                assertThat(e.sameContent()).isFalse();
                assertThat(e.object().sha256Hex()).isIn(null, newDigest);
            });
            assertThat(restarted.stat(KEY).orElseThrow().sha256Hex()).isIn(null, newDigest);
        }
    }

    @Test
    void stagedFilesLeftByAKilledProcessGoAtStartupAndAreNeverListed() throws IOException {
        Path root = tmp.resolve("root");
        try (FileSystemBlobStore store = new FileSystemBlobStore(root)) {
            store.put(KEY, content("committed"));
        }
        Path staging = root.resolve(FsLayout.STAGING_DIR);
        Files.writeString(staging.resolve("0b5c0d9e-dead-4bee-8f00-000000000001.data"), "half an instance");
        Files.writeString(staging.resolve("0b5c0d9e-dead-4bee-8f00-000000000001.sha256"), "whatever");

        try (FileSystemBlobStore restarted = new FileSystemBlobStore(root)) {
            assertThat(filesIn(staging)).isEmpty();
            try (Stream<BlobKey> keys = restarted.list("")) {
                assertThat(keys).containsExactly(KEY);
            }
        }
    }

    @Test
    void listingDuringAWriteShowsNeitherTheKeyNorStagedFiles() throws IOException {
        Path root = tmp.resolve("root");
        BlobKey other = BlobKey.of("studies/1.2/series/1.2.3/instances/9.dcm");
        AtomicReference<Runnable> whileStaged = new AtomicReference<>();
        FsHooks hooks = new FsHooks() {
            @Override
            public void staged(BlobKey key) {
                if (key.equals(KEY)) {
                    whileStaged.get().run();
                }
            }
        };
        try (FileSystemBlobStore store = new FileSystemBlobStore(root, hooks)) {
            store.put(other, content("already there"));
            whileStaged.set(() -> {
                try (Stream<BlobKey> keys = store.list("")) {
                    assertThat(keys).containsExactly(other);
                }
                assertThat(store.stat(KEY)).isEmpty();
            });
            store.put(KEY, content("in progress"));
            try (Stream<BlobKey> keys = store.list("")) {
                assertThat(keys).containsExactlyInAnyOrder(other, KEY);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private enum Point { STAGED, DATA_COMMITTED }

    /** Hooks that copy {@code root} to {@code copy} at {@code point} of the first put of {@link #KEY}. */
    private static FsHooks at(Point point, Path root, Path copy) {
        return new FsHooks() {
            private boolean done;

            @Override
            public void staged(BlobKey key) {
                snapshot(Point.STAGED, key);
            }

            @Override
            public void dataCommitted(BlobKey key) {
                snapshot(Point.DATA_COMMITTED, key);
            }

            private void snapshot(Point here, BlobKey key) {
                if (here == point && key.equals(KEY) && !done) {
                    done = true;
                    copyTree(root, copy);
                }
            }
        };
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Regular files under {@code root}, as relative paths. */
    private static List<String> allFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        }
    }

    private static ByteArrayInputStream content(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
