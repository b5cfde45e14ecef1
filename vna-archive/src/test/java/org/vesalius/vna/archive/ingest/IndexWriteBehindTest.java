package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vesalius.vna.archive.ingest.TestObjects.ct;
import static org.vesalius.vna.archive.ingest.TestObjects.part10;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.api.ingest.Indexing;
import org.vesalius.vna.archive.api.ingest.IngestResult.Stored;

/** Ingest with the index written behind: durable log records first, batches in the background. */
class IndexWriteBehindTest {

    private static final String SOP = "1.2.826.0.1.3680043.2.1125.7.1.";

    @TempDir
    Path dir;
    IngestFixture f;

    @BeforeEach
    void setUp() {
        f = new IngestFixture(dir);
        f.feed.withWriteBehind(64, Duration.ofMillis(20));
    }

    @AfterEach
    void tearDown() {
        f.feed.close();
        f.close();
    }

    @Test
    void instancesAreIndexedInBatchesAndTheirLogRecordsAcknowledged() throws Exception {
        for (int i = 1; i <= 300; i++) {
            Stored s = (Stored) f.part10(part10(ct(SOP + i, "P", "I", 500, i)));
            assertThat(s.indexing()).isIn(Indexing.PENDING, Indexing.QUEUED);
        }
        await(() -> f.index.documents.size() == 300 && f.queue.isEmpty());
        assertThat(f.index.indexCalls.get()).as("bulk writes, not one per instance").isLessThan(300);
    }

    @Test
    void underLoadBatchesWaitForTheLeastIntervalUntilTheyAreFull(@TempDir Path other) throws Exception {
        try (IngestFixture paced = new IngestFixture(other)) {
            // A least interval no test waits for: only full batches go before the close.
            paced.feed.withWriteBehind(10, Duration.ofMillis(10), Duration.ofHours(1));
            for (int i = 1; i <= 25; i++) {
                paced.part10(part10(ct(SOP + i, "P", "I", 500, i)));
            }
            // Full batches go as soon as they are full; what is left (less than one) waits.
            await(() -> paced.feed.pendingCount() < 10 && paced.index.documents.size() + paced.feed.pendingCount() == 25);
            paced.feed.close(); // writes what is left at once
            assertThat(paced.index.documents).hasSize(25);
            java.util.List<Integer> sizes = java.util.List.copyOf(paced.index.batchSizes);
            assertThat(sizes.subList(1, sizes.size() - 1)).as("batches after the first, before the close: " + sizes)
                    .isNotEmpty().containsOnly(10);
        }
    }

    @Test
    void whenTheIndexFailsTheLogRecordsStayAndTheCatchUpIndexesLater() throws Exception {
        f.index.available = false;
        for (int i = 1; i <= 20; i++) {
            f.part10(part10(ct(SOP + i, "P", "I", 500, i)));
        }
        await(() -> f.feed.isSuspectedDown());
        await(() -> !hasPending());
        assertThat(f.index.documents).isEmpty();
        assertThat(f.queue.count(100)).isEqualTo(20);

        f.index.available = true;
        assertThat(f.catchUp().drainOnce()).isEqualTo(20);
        assertThat(f.index.documents).hasSize(20);
        assertThat(f.queue.isEmpty()).isTrue();
    }

    @Test
    void aDocumentTheIndexRefusesIsRecordedAndTheOthersAreIndexed() throws Exception {
        f.index.refuse.add(SOP + 2);
        for (int i = 1; i <= 3; i++) {
            f.part10(part10(ct(SOP + i, "P", "I", 500, i)));
        }
        await(() -> f.index.documents.size() == 2 && f.queue.isEmpty());
        assertThat(f.queue.refusedCount(10)).isEqualTo(1);
        assertThat(f.index.documents).doesNotContainKey(SOP + 2);
    }

    @Test
    void anErrorFromTheIndexLeavesTheWriterRunningAndNothingUnindexed() throws Exception {
        f.index.failNext.set(new FakeStudyIndex.InjectedError("injected by the test"));
        for (int i = 1; i <= 10; i++) {
            f.part10(part10(ct(SOP + i, "P", "I", 500, i)));
        }
        // The writer met the Error, backed off like for a failing index and kept the log records.
        await(() -> f.feed.isSuspectedDown());
        await(() -> !hasPending());

        f.clock.advance(Duration.ofSeconds(31)); // past the retry delay
        for (int i = 11; i <= 20; i++) {
            f.part10(part10(ct(SOP + i, "P", "I", 500, i)));
        }
        // Still running: it writes what arrives after the Error.
        await(() -> f.index.documents.keySet().containsAll(java.util.stream.IntStream.rangeClosed(11, 20)
                .mapToObj(i -> SOP + i).toList()));
        f.catchUp().drainOnce();
        assertThat(f.index.documents).hasSize(20);
        assertThat(f.queue.isEmpty()).isTrue();
    }

    @Test
    void closingWritesWhatWasHandedOver() {
        for (int i = 1; i <= 50; i++) {
            f.part10(part10(ct(SOP + i, "P", "I", 500, i)));
        }
        f.feed.close();
        assertThat(f.index.documents).hasSize(50);
        assertThat(f.queue.isEmpty()).isTrue();
    }

    @Test
    void theCatchUpLeavesPendingRecordsToTheWriter() throws Exception {
        for (int i = 1; i <= 100; i++) {
            f.part10(part10(ct(SOP + i, "P", "I", 500, i)));
        }
        f.catchUp().drainOnce(); // concurrently with the writer: each instance indexed, no record error
        await(() -> f.index.documents.size() == 100 && f.queue.isEmpty());
    }

    private boolean hasPending() {
        return f.feed.pendingCount() > 0;
    }

    /** Waits for a condition of the background writer, bounded so a broken writer fails rather than hangs. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }
}
