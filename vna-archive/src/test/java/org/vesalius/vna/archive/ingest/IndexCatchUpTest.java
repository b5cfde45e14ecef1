package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vesalius.vna.archive.ingest.TestObjects.ct;
import static org.vesalius.vna.archive.ingest.TestObjects.part10;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.api.ingest.Indexing;
import org.vesalius.vna.archive.api.ingest.IngestResult.Stored;
import org.vesalius.vna.archive.storage.BlobKey;

class IndexCatchUpTest {

    private static final String SOP = "1.2.826.0.1.3680043.2.1125.1.1.";

    @TempDir
    Path dir;
    IngestFixture f;

    @BeforeEach
    void setUp() {
        f = new IngestFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void withTheIndexDownIngestQueuesAndTheCatchUpDrainsWhenItIsBack() {
        f.with(new DefaultIssuerRule(Map.of(), Map.of("client", "HOSP_Q")));
        f.index.available = false;

        for (int i = 1; i <= 250; i++) {
            Stored s = (Stored) f.part10(part10(ct(SOP + i, "P", null, 1_000, i)));
            assertThat(s.indexQueued()).isTrue();
        }
        assertThat(f.index.documents).isEmpty();
        assertThat(f.queue.count(1_000)).isEqualTo(250);
        // After the first failure ingest stops asking the index until the retry delay has passed.
        assertThat(f.index.indexCalls.get()).isEqualTo(1);

        IndexCatchUp catchUp = f.catchUp();
        assertThat(catchUp.drainOnce()).isZero();           // still down: nothing happens
        assertThat(f.queue.count(1_000)).isEqualTo(250);

        f.index.available = true;
        assertThat(catchUp.drainOnce()).isEqualTo(250);
        assertThat(f.index.documents).hasSize(250);
        assertThat(f.index.documents.get(SOP + 7).patient().issuer()).isEqualTo("HOSP_Q"); // coercion record applied
        assertThat(f.index.documents.get(SOP + 7).sourceAeTitle()).isEqualTo("client");
        assertThat(f.queue.isEmpty()).isTrue();
        assertThat(catchUp.drainOnce()).isZero();           // idempotent
        assertThat(f.feed.isSuspectedDown()).isFalse();     // ingest indexes directly again

        Stored after = (Stored) f.part10(part10(ct(SOP + 999, "P", null, 1_000, 1)));
        assertThat(after.indexQueued()).isFalse();
    }

    @Test
    void ingestTriesTheIndexAgainAfterTheRetryDelay() {
        f.index.available = false;
        f.part10(part10(ct(SOP + 1, "P", null, 100, 1)));
        f.index.available = true;
        Stored stillQueued = (Stored) f.part10(part10(ct(SOP + 2, "P", null, 100, 1)));
        assertThat(stillQueued.indexQueued()).isTrue();

        f.clock.advance(Duration.ofSeconds(31));
        Stored direct = (Stored) f.part10(part10(ct(SOP + 3, "P", null, 100, 1)));

        assertThat(direct.indexQueued()).isFalse();
        assertThat(f.index.documents).containsOnlyKeys(SOP + 3);
    }

    @Test
    void aRecordWhoseInstanceIsGoneIsDroppedAndALeftoverMarkerOnlyReindexes() {
        f.index.available = false;
        Stored kept = (Stored) f.part10(part10(ct(SOP + 1, "P", null, 100, 1)));
        Stored gone = (Stored) f.part10(part10(ct(SOP + 2, "P", null, 100, 2)));
        f.blobs.delete(BlobKey.of(gone.instance().blob().key()));
        f.index.available = true;

        assertThat(f.catchUp().drainOnce()).isEqualTo(1);
        assertThat(f.index.documents).containsOnlyKeys(kept.instance().ref().sopInstanceUid());
        assertThat(f.queue.isEmpty()).isTrue();

        // A marker left behind after indexing (crash before delete) indexes the same document again.
        f.queue.add(kept.instance().ref(), "STOW_RS:client", f.clock.instant());
        assertThat(f.catchUp().drainOnce()).isEqualTo(1);
        assertThat(f.index.documents).hasSize(1);
    }

    @Test
    void theCatchUpIndexesTheCurrentVersionWhateverTheRecordSaw() {
        f.with(IngestSettings.DEFAULT.withDuplicatePolicy(DuplicatePolicy.KEEP_AS_NEW_VERSION));
        f.index.available = false;
        f.part10(part10(ct(SOP + 1, "P", null, 100, 1)));
        f.clock.advance(Duration.ofSeconds(1));
        Stored v2 = (Stored) f.part10(part10(ct(SOP + 1, "P", null, 100, 2)));
        f.index.available = true;

        assertThat(f.catchUp().drainOnce()).isEqualTo(2);

        assertThat(BlobKey.of(f.index.documents.get(SOP + 1).blob().key())).isEqualTo(BlobKey.of(v2.instance().blob().key()));
    }

    @Test
    void theLogRecordNamesTheInstanceAndItsBlobAndNothingIsQueuedInTheBlobStore() {
        f.index.available = false;
        Stored s = (Stored) f.part10(part10(ct(SOP + 1, "P", null, 100, 1)));

        assertThat(f.keys()).noneMatch(k -> k.value().startsWith(IndexQueue.PREFIX));
        List<org.vesalius.vna.archive.ingest.log.LogEntry> records = new java.util.ArrayList<>();
        f.log.replay(records::add);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.sop()).isEqualTo(SOP + 1);
            assertThat(r.blobKey()).isEqualTo(s.instance().blob().key());
            assertThat(r.sha256Hex()).isEqualTo(s.instance().blob().sha256Hex());
            assertThat(r.size()).isEqualTo(s.instance().blob().size());
            assertThat(r.source()).isEqualTo("STOW_RS:client");
            assertThat(r.at()).isEqualTo(f.clock.instant());
        });
    }

    @Test
    void markersAnOlderVersionLeftInTheBlobStoreAreStillDrainedOnce() {
        Stored s = (Stored) f.part10(part10(ct(SOP + 1, "P", null, 100, 1)));
        f.index.documents.clear();
        f.queue.add(s.instance().ref(), "DIMSE:OLD", f.clock.instant());
        assertThat(f.queue.count(10)).isEqualTo(1);

        assertThat(f.catchUp().drainOnce()).isEqualTo(1);

        assertThat(f.index.documents).containsKey(SOP + 1);
        assertThat(f.keys()).noneMatch(k -> k.value().startsWith(IndexQueue.PREFIX));
        assertThat(f.catchUp().drainOnce()).isZero();
    }

    @Test
    void theScheduledCatchUpDrainsWithoutAManualStep() throws InterruptedException {
        f.index.available = false;
        f.part10(part10(ct(SOP + 1, "P", null, 100, 1)));
        f.index.available = true;
        try (IndexCatchUp catchUp = f.catchUp()) {
            catchUp.start(Duration.ofMillis(20));
            // No timing assertion: wait (bounded only by the test timeout) until the worker has run.
            while (!f.queue.isEmpty()) {
                Thread.sleep(10);
            }
        }
        assertThat(f.index.documents).containsKey(SOP + 1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // hang guard only: before the fix the schedule stopped for good
    void anErrorFromTheIndexEndsOnlyThatRoundAndTheScheduledCatchUpIndexesEverythingAfterwards() throws InterruptedException {
        f.index.available = false;
        for (int i = 1; i <= 5; i++) {
            f.part10(part10(ct(SOP + i, "P", null, 100, i)));
        }
        f.index.available = true;
        f.index.failNext.set(new FakeStudyIndex.InjectedError("injected by the test"));
        IndexCatchUp direct = f.catchUp();
        assertThat(direct.drainOnce()).as("a round that meets an Error returns").isZero();
        assertThat(f.queue.count(100)).isEqualTo(5);

        f.index.failNext.set(new FakeStudyIndex.InjectedError("injected by the test, scheduled round"));
        try (IndexCatchUp catchUp = f.catchUp()) {
            catchUp.start(Duration.ofMillis(20));
            // No timing assertion: the round after the failed one must run (bounded by the test timeout).
            while (!f.queue.isEmpty()) {
                Thread.sleep(10);
            }
        }
        assertThat(f.index.failNext.get()).as("the scheduled round met the Error").isNull();
        assertThat(f.index.documents).hasSize(5);
    }

    @Test
    void aDocumentTheIndexRefusesIsRecordedNotQueuedAndTheOthersAreIndexed() {
        f.index.refuse.add(SOP + 2);
        Stored direct = (Stored) f.part10(part10(ct(SOP + 2, "P", null, 100, 1)));

        assertThat(direct.indexing()).isEqualTo(Indexing.REFUSED);
        assertThat(f.queue.isEmpty()).isTrue();
        assertThat(f.queue.refusedCount(10)).isEqualTo(1);
        assertThat(f.feed.isSuspectedDown()).isFalse();

        f.index.available = false;
        f.part10(part10(ct(SOP + 3, "P", null, 100, 1)));
        f.index.refuse.add(SOP + 3);
        f.part10(part10(ct(SOP + 4, "P", null, 100, 1)));
        f.index.available = true;

        assertThat(f.catchUp().drainOnce()).isEqualTo(2);
        assertThat(f.index.documents).containsOnlyKeys(SOP + 4);
        assertThat(f.queue.isEmpty()).isTrue();
        assertThat(f.queue.refusedCount(10)).isEqualTo(2);
    }
}
