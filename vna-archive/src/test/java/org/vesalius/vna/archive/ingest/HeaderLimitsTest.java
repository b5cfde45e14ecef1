package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vesalius.vna.archive.ingest.TestObjects.ct;
import static org.vesalius.vna.archive.ingest.TestObjects.part10;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestResult.InvalidObject;
import org.vesalius.vna.archive.api.ingest.IngestResult.Problem;
import org.vesalius.vna.archive.api.ingest.IngestResult.StorageUnavailable;
import org.vesalius.vna.archive.api.ingest.IngestResult.Stored;
import org.vesalius.vna.archive.api.ingest.IngestSource;

/**
 * Header amplification (issue 12, point 2): a header is bounded by its element and item counts,
 * not only its bytes, and concurrent large headers share one heap budget.
 */
class HeaderLimitsTest {

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

    /** A CT whose header holds {@code items} items of one element each in a sequence. */
    static Dataset withItems(String sop, int items) {
        Dataset ds = ct(sop, "P1", null, 64, 1);
        Sequence refs = ds.newSequence(Tags.ReferencedImageSequence, items);
        for (int i = 0; i < items; i++) {
            refs.addItem().setString(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2.3." + i);
        }
        return ds;
    }

    static IngestSettings limits(long elements, long items, long budget, Duration wait) {
        return IngestSettings.DEFAULT.withHeaderLimits(new HeaderLimits(elements, items, 64, budget, wait,
                HeaderLimits.DEFAULT_MAX_INDEXED));
    }

    @Test
    void aLargeSequenceIsStoredWholeButLeftOutOfTheIndexBeyondItsLimit() throws Exception {
        f.with(IngestSettings.DEFAULT.withHeaderLimits(new HeaderLimits(1_000_000, 1_000_000, 64, 0,
                Duration.ofSeconds(10), 1000)));
        Dataset ds = withItems("1.2.3.1", 2000);
        ds.newSequence(Tags.ReferencedStudySequence, 1).addItem().setString(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2.9");
        byte[] bytes = part10(ds);

        Stored stored = (Stored) f.part10(bytes);

        var indexed = f.index.documents.get("1.2.3.1").header();
        assertThat(indexed.contains(Tags.ReferencedImageSequence)).isFalse(); // 4,001 elements and items
        assertThat(indexed.getSequence(Tags.ReferencedStudySequence)).hasSize(1); // small: kept
        assertThat(indexed.getString(Tags.PatientID)).isEqualTo("P1");
        assertThat(indexed.getString(Tags.Modality)).isEqualTo("CT");
        try (InputStream in = f.blobs.open(f.keys().stream().filter(k -> k.toString().endsWith("1.2.3.1.dcm")).findFirst().orElseThrow())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        // The catch-up and reindex load it trimmed the same way.
        var loaded = new InstanceLoader(f.blobs, f.records, IngestSettings.DEFAULT_MAX_HEADER_BYTES,
                new HeaderLimits(1_000_000, 1_000_000, 64, 0, Duration.ofSeconds(10), 1000), f.journal)
                .loadCurrent(stored.instance().ref(), "client").orElseThrow().header();
        assertThat(loaded.contains(Tags.ReferencedImageSequence)).isFalse();
        assertThat(loaded.getSequence(Tags.ReferencedStudySequence)).hasSize(1);
    }

    @Test
    void aHeaderWithinTheIndexLimitIsIndexedWhole() {
        Stored stored = (Stored) f.part10(part10(withItems("1.2.3.1", 2000)));

        assertThat(stored.instance().header().getSequence(Tags.ReferencedImageSequence)).hasSize(2000);
    }

    @Test
    void tooManyItemsAreRefusedAsTooLargeAndLeaveNothing() {
        f.with(limits(1_000_000, 100, 0, Duration.ofSeconds(10)));

        IngestResult r = f.part10(part10(withItems("1.2.3.1", 101)));

        assertThat(r).isInstanceOfSatisfying(InvalidObject.class, i -> {
            assertThat(i.problem()).isEqualTo(Problem.HEADER_TOO_LARGE);
            assertThat(i.cannotUnderstand()).isTrue(); // C000 on both edges
            assertThat(i.reason()).contains("more than 100 sequence items", "vna.ingest.max-header-items");
            assertThat(i.ids().sopInstanceUid()).isEqualTo("1.2.3.1");
        });
        f.assertNothingBehind();
        assertThat(f.part10(part10(withItems("1.2.3.2", 100)))).isInstanceOf(Stored.class);
    }

    @Test
    void tooManyElementsAreRefusedAsTooLarge() {
        f.with(limits(300, 1_000_000, 0, Duration.ofSeconds(10)));

        IngestResult r = f.part10(part10(withItems("1.2.3.1", 300)));

        assertThat(r).isInstanceOfSatisfying(InvalidObject.class, i -> {
            assertThat(i.problem()).isEqualTo(Problem.HEADER_TOO_LARGE);
            assertThat(i.reason()).contains("more than 300 elements", "vna.ingest.max-header-elements");
        });
        f.assertNothingBehind();
    }

    @Test
    void aHeaderNeedingMoreThanTheWholeBudgetIsRefusedAtOnce() {
        f.with(limits(1_000_000, 1_000_000, 1 << 20, Duration.ofDays(1)));

        IngestResult r = f.part10(part10(withItems("1.2.3.1", 20_000)));

        assertThat(r).isInstanceOfSatisfying(InvalidObject.class, i -> {
            assertThat(i.problem()).isEqualTo(Problem.HEADER_TOO_LARGE);
            assertThat(i.reason()).contains("vna.ingest.header-memory-budget");
        });
        f.assertNothingBehind();
    }

    @Test
    void aHeaderFindingTheBudgetTakenIsOutOfResourcesAndFitsOnceItIsFree() throws Exception {
        // 6 MiB: a header of 20,000 items (about 600 KB, estimated at about 4 MB in the heap)
        // takes most of it while it is held.
        f.with(limits(1_000_000, 1_000_000, 6 << 20, Duration.ZERO));
        byte[] first = part10(withItems("1.2.3.1", 20_000));
        byte[] second = part10(withItems("1.2.3.2", 20_000));
        // The first sender stops in its pixel data: its whole header has been read and is held.
        int pause = first.length - 40;
        HeldStream held = new HeldStream(first, pause);
        CompletableFuture<IngestResult> firstResult = CompletableFuture.supplyAsync(() -> f.service.ingest(
                IngestRequest.part10(IngestSource.stow("first"), held, null)));
        held.reachedPause.await();

        IngestResult refused = f.part10(second);
        held.resume.countDown();
        IngestResult stored = firstResult.get();

        assertThat(refused).isInstanceOfSatisfying(StorageUnavailable.class,
                s -> assertThat(s.message()).contains("out of resources", "retry later"));
        assertThat(stored).isInstanceOf(Stored.class);
        assertThat(f.part10(second)).isInstanceOf(Stored.class); // the retry fits: the first gave its share back
    }

    @Test
    void aLeaseCoversWhatItIsAskedAndGivesItBack() throws Exception {
        HeaderMemory memory = new HeaderMemory(2 << 20, Duration.ZERO);
        try (HeaderMemory.Lease a = memory.lease()) {
            a.cover(1 << 20);
            a.cover(1000); // never shrinks
            assertThat(a.heldBytes()).isEqualTo(1 << 20);
            try (HeaderMemory.Lease b = memory.lease()) {
                assertThatThrownBy(() -> b.cover((1 << 20) + 1)).isInstanceOf(HeaderMemory.Busy.class);
                b.cover(1 << 20);
            }
            assertThatThrownBy(() -> a.cover(3 << 20)).isInstanceOf(HeaderMemory.Exceeded.class);
        }
        assertThat(memory.availableBytes()).isEqualTo(memory.budgetBytes());
    }

    /** Gives {@code bytes} up to {@code pause}, then waits for {@link #resume} before the rest. */
    static final class HeldStream extends InputStream {
        final CountDownLatch reachedPause = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final ByteArrayInputStream in;
        private final int pause;
        private int position;

        HeldStream(byte[] bytes, int pause) {
            this.in = new ByteArrayInputStream(bytes);
            this.pause = pause;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position == pause) {
                reachedPause.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            int n = in.read(b, off, position < pause ? Math.min(len, pause - position) : len);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
