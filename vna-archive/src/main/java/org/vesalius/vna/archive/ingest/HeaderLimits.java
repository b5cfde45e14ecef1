package org.vesalius.vna.archive.ingest;

import java.time.Duration;
import java.util.Objects;
import org.vesalius.dicom.io.ReadOptions;

/**
 * What a header may cost in heap, besides its bytes ({@link IngestSettings#maxHeaderBytes()}): a
 * parsed element or item costs heap whatever its encoded size (an empty item is 8 bytes on the
 * wire and about 56 in the tree), so counts are bounded too, and so is the heap all headers being
 * parsed at once may take ({@link HeaderMemory}).
 *
 * <p>The defaults hold a radiotherapy structure set of 200 ROIs with 500 contours each (700,000
 * elements, 200,000 items) several times over.
 *
 * @param maxElements  most elements in one header, at every depth (default 4,000,000)
 * @param maxItems     most sequence items in one header, at every depth (default 1,000,000)
 * @param maxDepth     deepest nesting of sequences (default 64)
 * @param memoryBudget the estimated heap all headers parsed at the same time may hold, in bytes;
 *                     0 (default) for a quarter of the JVM's maximum heap
 * @param memoryWait   how long a header waits for room in the budget before its object is
 *                     refused as "out of resources, retry later" (default 10 s)
 * @param maxIndexed   most elements and items of a header that go to the index (default
 *                     100,000); larger sequences, private attributes and large values beyond it
 *                     are left out of the index only ({@link IndexedHeader})
 */
public record HeaderLimits(long maxElements, long maxItems, int maxDepth, long memoryBudget, Duration memoryWait,
        long maxIndexed) {

    /** Default {@link #maxIndexed()}: 100,000. */
    public static final long DEFAULT_MAX_INDEXED = 100_000;

    /** 4,000,000 elements, 1,000,000 items, 64 levels, a quarter of the heap, 10 s wait, 100,000 indexed. */
    public static final HeaderLimits DEFAULT = new HeaderLimits(ReadOptions.DEFAULT_MAX_ELEMENTS,
            ReadOptions.DEFAULT_MAX_ITEMS, ReadOptions.DEFAULT.maxDepth(), 0, Duration.ofSeconds(10), DEFAULT_MAX_INDEXED);

    public HeaderLimits {
        Objects.requireNonNull(memoryWait, "memoryWait");
        if (maxElements < 1 || maxItems < 0 || maxDepth < 1 || memoryBudget < 0 || memoryWait.isNegative()
                || maxIndexed < 1) {
            throw new IllegalArgumentException("header limits must be positive (items, budget and wait may be 0)");
        }
    }

    /** {@code options} with these counts and depth. */
    ReadOptions applyTo(ReadOptions options) {
        return options.withMaxCounts(maxElements, maxItems).withMaxDepth(maxDepth);
    }

    /** The budget in bytes: {@link #memoryBudget()}, or a quarter of the maximum heap when 0. */
    long effectiveMemoryBudget() {
        return memoryBudget > 0 ? memoryBudget : Runtime.getRuntime().maxMemory() / 4;
    }
}
