package org.vesalius.vna.archive.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.storage.BlobKey;

/** {@link FileSystemBlobStore#listingStamp} and {@link FileSystemBlobStore#localFile}. */
class ListingStampTest {

    @TempDir
    Path root;
    FileSystemBlobStore store;

    @BeforeEach
    void open() {
        store = new FileSystemBlobStore(root);
    }

    @AfterEach
    void close() {
        store.close();
    }

    void settle(String dir) throws IOException {
        Files.setLastModifiedTime(root.resolve(dir), FileTime.from(Instant.now().minusSeconds(3600)));
    }

    @Test
    void aSettledDirectoryHasAStampThatEveryChangeInItChanges() throws IOException {
        store.put(BlobKey.of("a/b/one.dcm"), new ByteArrayInputStream(new byte[] {1}));
        assertThat(store.listingStamp("a/b/")).as("changed just now: cannot tell yet").isEmpty();

        settle("a/b");
        Optional<String> stamp = store.listingStamp("a/b/");
        assertThat(stamp).isPresent();
        assertThat(store.listingStamp("a/b/")).isEqualTo(stamp);

        store.put(BlobKey.of("a/b/two.dcm"), new ByteArrayInputStream(new byte[] {2}));
        settle("a/b");
        assertThat(store.listingStamp("a/b/")).isPresent().isNotEqualTo(stamp);
        Optional<String> second = store.listingStamp("a/b/");

        store.delete(BlobKey.of("a/b/one.dcm"));
        assertThat(store.listingStamp("a/b/")).isEmpty();
        settle("a/b");
        assertThat(store.listingStamp("a/b/")).isPresent().isNotEqualTo(second);
    }

    @Test
    void noStampForWhatIsNoDirectoryAndNoneInTheFuture() throws IOException {
        assertThat(store.listingStamp("nothing/here/")).isEmpty();
        store.put(BlobKey.of("a/file"), new ByteArrayInputStream(new byte[] {1}));
        assertThat(store.listingStamp("a/file/")).isEmpty();
        Files.setLastModifiedTime(root.resolve("a"), FileTime.from(Instant.now().plusSeconds(3600)));
        assertThat(store.listingStamp("a/")).as("a clock set back").isEmpty();
        assertThatThrownBy(() -> store.listingStamp("a/fi")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.listingStamp("../")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLocalFileIsTheObjectsFileWhileItExists() throws IOException {
        BlobKey key = BlobKey.of("a/one.dcm");
        store.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThat(store.localFile(key)).hasValueSatisfying(p -> assertThat(p).hasBinaryContent(new byte[] {1, 2, 3}));
        store.delete(key);
        assertThat(store.localFile(key)).isEmpty();
    }
}
