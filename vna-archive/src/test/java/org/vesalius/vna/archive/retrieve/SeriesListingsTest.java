package org.vesalius.vna.archive.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.DuplicatePolicy;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * An instance found without listing its series per request: the listing is kept while the
 * directory's stamp holds, and a version added or removed since is seen all the same.
 */
class SeriesListingsTest {

    @TempDir
    Path dir;
    IngestFixture ingest;
    RetrieveService retrieve;
    final AtomicInteger listings = new AtomicInteger();

    @BeforeEach
    void open() {
        ingest = new IngestFixture(dir, Counting::new).with(IngestSettings.DEFAULT.withDuplicatePolicy(DuplicatePolicy.KEEP_AS_NEW_VERSION));
        retrieve = new RetrieveService(ingest.blobs, new Journal(ingest.blobs, Clock.systemUTC()), RetrieveSettings.DEFAULT);
    }

    @AfterEach
    void close() {
        retrieve.close();
        ingest.close();
    }

    ArchivedInstance store(int seed) {
        byte[] bytes = TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 1000, seed));
        IngestResult r = ingest.service.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(bytes), null));
        return ((IngestResult.Stored) r).instance();
    }

    /** As if the directory had last changed an hour ago: its stamp can be trusted. */
    void settle() throws IOException {
        Files.setLastModifiedTime(dir.resolve("studies/" + TestObjects.STUDY + "/series/" + TestObjects.SERIES + "/instances"),
                FileTime.from(Instant.now().minusSeconds(3600)));
    }

    @Test
    void aSettledSeriesIsListedOnceForManyLookups() throws IOException {
        ArchivedInstance first = store(1);
        for (int i = 2; i <= 20; i++) {
            byte[] bytes = TestObjects.part10(TestObjects.ct("1.2.3." + i, "P", "I", 1000, i));
            ingest.service.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(bytes), null));
        }
        settle();
        listings.set(0);

        for (int i = 0; i < 5; i++) {
            assertThat(retrieve.pixelData(first.ref())).isPresent();
            assertThat(retrieve.instance(first.ref()).blob().key().value()).isEqualTo(first.blob().key());
        }
        assertThat(retrieve.instancesOfSeries(TestObjects.STUDY, TestObjects.SERIES)).hasSize(20);
        assertThat(listings.get()).isEqualTo(1);
    }

    @Test
    void aVersionAddedOrRemovedAfterTheListingWasKeptIsSeen() throws IOException {
        ArchivedInstance v1 = store(1);
        InstanceRef ref = v1.ref();
        settle();
        assertThat(retrieve.instance(ref).blob().key().value()).isEqualTo(v1.blob().key());

        ArchivedInstance v2 = store(2); // an extra version: the directory changes
        assertThat(v2.blob().key()).isNotEqualTo(v1.blob().key());
        assertThat(retrieve.instance(ref).blob().key().value()).as("just changed: listed again").isEqualTo(v2.blob().key());
        settle();
        assertThat(retrieve.instance(ref).blob().key().value()).as("settled: a new stamp, listed again").isEqualTo(v2.blob().key());
        assertThat(retrieve.instance(ref).blob().key().value()).isEqualTo(v2.blob().key());

        Files.delete(dir.resolve(v2.blob().key())); // the version goes missing
        settle();
        assertThat(retrieve.instance(ref).blob().key().value()).isEqualTo(v1.blob().key());

        Files.delete(dir.resolve(v1.blob().key()));
        settle();
        assertThatThrownBy(() -> retrieve.instance(ref)).isInstanceOf(InstanceNotFoundException.class);
        assertThatThrownBy(() -> retrieve.pixelData(ref)).isInstanceOf(InstanceNotFoundException.class);
    }

    @Test
    void aFileRemovedBetweenLookupAndReadIsNotFound() throws IOException {
        ArchivedInstance v1 = store(1);
        settle();
        RetrievableInstance found = retrieve.instance(v1.ref()); // the listing is kept
        Files.delete(dir.resolve(v1.blob().key()));
        // The directory changed, but the lookup is done: what reads it must say "gone", not fail otherwise.
        assertThatThrownBy(() -> retrieve.pixelData(found)).isInstanceOf(InstanceNotFoundException.class);
    }

    /** Counts listings of instances; everything else goes to the store it wraps. */
    final class Counting implements BlobStore {
        private final BlobStore store;

        Counting(BlobStore store) {
            this.store = store;
        }

        @Override
        public PutResult put(BlobKey key, InputStream content, PutMode mode) {
            return store.put(key, content, mode);
        }

        @Override
        public Optional<StoredObject> stat(BlobKey key) {
            return store.stat(key);
        }

        @Override
        public InputStream open(BlobKey key) {
            return store.open(key);
        }

        @Override
        public InputStream openRange(BlobKey key, long offset, long length) {
            return store.openRange(key, offset, length);
        }

        @Override
        public boolean delete(BlobKey key) {
            return store.delete(key);
        }

        @Override
        public Stream<BlobKey> list(String prefix) {
            if (prefix.startsWith("studies/")) { // not the journal's listings
                listings.incrementAndGet();
            }
            return store.list(prefix);
        }

        @Override
        public Optional<String> listingStamp(String directoryPrefix) {
            return store.listingStamp(directoryPrefix);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
