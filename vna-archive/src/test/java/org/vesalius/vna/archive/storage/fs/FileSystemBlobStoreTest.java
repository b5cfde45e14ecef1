package org.vesalius.vna.archive.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.BlobStoreContract;
import org.vesalius.vna.archive.storage.GeneratedContent;
import org.vesalius.vna.archive.storage.InstanceKeys;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;

class FileSystemBlobStoreTest extends BlobStoreContract {

    private Path root;
    private FileSystemBlobStore store;

    @BeforeAll
    void open(@TempDir Path dir) {
        root = dir;
        store = new FileSystemBlobStore(root);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected List<String> leftovers() throws IOException {
        try (Stream<Path> staged = Files.list(root.resolve(FsLayout.STAGING_DIR))) {
            return staged.map(Path::toString).toList();
        }
    }

    @Override
    protected int listingSize() {
        return 330; // every file costs fsyncs; S3 needs the 1100 to cross a page, this does not
    }

    @Test
    void theHealthProbeWritesNothingAndFailsWhenTheStagingAreaIsGone(@TempDir Path dir) throws IOException {
        try (FileSystemBlobStore probed = new FileSystemBlobStore(dir)) {
            List<Path> before;
            try (Stream<Path> files = Files.walk(dir)) {
                before = files.sorted().toList();
            }
            probed.probe();
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.sorted().toList()).isEqualTo(before);
            }
            Files.delete(dir.resolve(FsLayout.STAGING_DIR));
            assertThatThrownBy(probed::probe).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("not writable");
        }
    }

    @Test
    void blobsAndTheirDirectoriesAreReadableByTheServersUserOnly(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path newRoot = dir.resolve("blobs");
        try (FileSystemBlobStore fresh = new FileSystemBlobStore(newRoot)) {
            fresh.put(InstanceKeys.instance("1.2.3", "1.2.3.4", "1.2.3.4.5"), GeneratedContent.stream(5, 1234));
        }
        try (Stream<Path> all = Files.walk(newRoot)) {
            assertThat(all.filter(p -> !p.equals(newRoot)).toList()).isNotEmpty().allSatisfy(p -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        }
    }

    @Test
    void layoutIsPlainFilesUnderTheKeyPath() throws IOException {
        BlobKey key = InstanceKeys.instance("1.2.3", "1.2.3.4", "1.2.3.4.5");
        StoredObject stored = store.put(key, GeneratedContent.stream(5, 1234));

        Path file = root.resolve("studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5.dcm");
        assertThat(file).isRegularFile().hasSize(1234);
        assertThat(GeneratedContent.sha256(Files.newInputStream(file))).isEqualTo(stored.sha256Hex());
        Path sidecar = file.resolveSibling(".1.2.3.4.5.dcm.sha256");
        assertThat(Files.readString(sidecar, StandardCharsets.US_ASCII))
                .isEqualTo(stored.sha256Hex() + "  1.2.3.4.5.dcm\n"); // sha256sum format
    }

    @Test
    void theDigestIsAnAttributeOfTheFileWhereTheFilesystemHasThem() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(DigestAttribute.supported(root.resolve(FsLayout.STAGING_DIR)),
                "no user attributes on this filesystem: the flushed digest file is used instead");
        BlobKey key = InstanceKeys.instance("1.2.3", "1.2.3.4", "1.2.3.4.77");
        StoredObject stored = store.put(key, GeneratedContent.stream(7, 4321));
        Path file = root.resolve("studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.77.dcm");

        assertThat(DigestAttribute.read(file)).isEqualTo(stored.sha256Hex());
        // The digest file is a convenience (sha256sum -c); without it the digest is still known.
        Files.delete(file.resolveSibling(".1.2.3.4.77.dcm.sha256"));
        assertThat(store.stat(key).orElseThrow().sha256Hex()).isEqualTo(stored.sha256Hex());
    }

    @Test
    void putsIntoOneDirectoryNeedAtMostTwoFlushesEach() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DigestAttribute.supported(root.resolve(FsLayout.STAGING_DIR)));
        store.put(InstanceKeys.instance("1.2.9", "1.2.9.1", "1.2.9.1.0"), GeneratedContent.stream(1, 10)); // makes the directories
        long before = store.flushCount();
        int threads = 4;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            done.add(pool.submit(() -> {
                for (int i = 1; i <= each; i++) {
                    store.put(InstanceKeys.instance("1.2.9", "1.2.9.1", "1.2.9.1." + (base + i)), GeneratedContent.stream(i, 2000));
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        // The data of each (with its digest attribute), and the directory entries, flushes shared when they coincide.
        assertThat(store.flushCount() - before).isBetween((long) threads * each + 1, 2L * threads * each);
    }

    @Test
    void digestFileChecksWithSha256sum() throws Exception {
        BlobKey key = key("checked.dcm");
        store.put(key, GeneratedContent.stream(6, 100_000));
        Path dir = root.resolve(key.value()).getParent();
        ProcessBuilder sha256sum = new ProcessBuilder("sha256sum", "--check", "--strict", ".checked.dcm.sha256")
                .directory(dir.toFile()).redirectErrorStream(true);
        Process process;
        try {
            process = sha256sum.start();
        } catch (IOException e) {
            org.vesalius.testsupport.Prerequisites.require("sha256sum", false, "Debian package coreutils");
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("checked.dcm: OK");
    }

    @Test
    void listingShowsOnlyKeys() throws IOException {
        store.put(key("a.dcm"), GeneratedContent.stream(1, 10));
        store.put(key("b/c.dcm"), GeneratedContent.stream(2, 10));
        Files.writeString(root.resolve(prefix + "README.TXT"), "a file put there by hand");

        try (Stream<BlobKey> keys = store.list("")) {
            assertThat(keys.map(BlobKey::value))
                    .noneMatch(k -> k.contains(".sha256") || k.contains(".staging") || k.contains(".lock"))
                    .contains(prefix + "a.dcm", prefix + "b/c.dcm")
                    .doesNotContain(prefix + "README.TXT");
        }
    }

    @Test
    void keysDeletedDuringAListingAreSkippedNotFatal() {
        for (int i = 0; i < 40; i++) {
            store.put(key("drain/" + i + ".json"), GeneratedContent.stream(i, 10));
        }
        List<String> seen = new java.util.ArrayList<>();
        try (Stream<BlobKey> keys = store.list(prefix + "drain/")) {
            keys.forEach(k -> {
                seen.add(k.value());
                if (seen.size() == 1) {
                    for (int i = 0; i < 40; i++) { // a consumer draining a queue deletes as it goes
                        store.delete(key("drain/" + i + ".json"));
                    }
                }
            });
        }
        assertThat(seen).isNotEmpty().allMatch(k -> k.startsWith(prefix + "drain/"));
    }

    @Test
    void aKeyCannotAlsoBeADirectory() throws IOException {
        store.put(key("x/y"), GeneratedContent.stream(1, 10));

        assertThatThrownBy(() -> store.put(key("x/y/z"), GeneratedContent.stream(2, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> store.put(key("x"), GeneratedContent.stream(3, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.stat(key("x"))).isEmpty(); // a directory is not an object
        assertThat(store.delete(key("x"))).isFalse();
        assertThat(Files.isDirectory(root.resolve(prefix + "x"))).isTrue();
        assertThat(leftoversQuietly()).isEmpty();
    }

    @Test
    void aRootIsUsedByOneStoreAtATime() {
        assertThatThrownBy(() -> new FileSystemBlobStore(root))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
    }

    @Test
    void aReadOnlyViewReadsBesideTheLockHolderAndRefusesWrites() throws IOException {
        BlobKey key = key("shared.dcm");
        StoredObject stored = store.put(key, GeneratedContent.stream(7, 5000));

        try (FileSystemBlobStore view = FileSystemBlobStore.openReadOnly(root)) {
            assertThat(view.isReadOnly()).isTrue();
            assertThat(view.stat(key)).contains(stored);
            try (Stream<BlobKey> keys = view.list(prefix)) {
                assertThat(keys).containsExactly(key);
            }
            assertThat(GeneratedContent.sha256(view.open(key))).isEqualTo(stored.sha256Hex());
            assertThatThrownBy(() -> view.put(key("other"), bytes("x")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> view.delete(key)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.stat(key)).as("closing the view leaves the store and its lock alone").contains(stored);
        assertThatThrownBy(() -> new FileSystemBlobStore(root)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FileSystemBlobStore.openReadOnly(root.resolve("missing")))
                .isInstanceOf(org.vesalius.vna.archive.storage.StorageUnavailableException.class);
    }

    private List<String> leftoversQuietly() {
        try {
            return leftovers();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
