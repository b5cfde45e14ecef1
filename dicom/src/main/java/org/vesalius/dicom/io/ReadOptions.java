package org.vesalius.dicom.io;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a reader treats its input. Immutable; start from {@link #DEFAULT} and change what you need
 * with the {@code with*} methods.
 *
 * @param bulkData       which values are bulk data
 * @param bulkHandler    what happens to bulk values; null reads them into memory like any other
 * @param stopBefore     a top-level element for which this answers true is not read: the reader
 *                       stops before its header and hands over the rest of the input
 * @param oddLength      what to do with odd value lengths
 * @param maxDepth       deepest nesting of sequences accepted before the input is refused
 *                       ({@link DatasetLimitException})
 * @param maxElements    most elements (at every depth, sequences and encapsulated values
 *                       included) accepted before the input is refused ({@link DatasetLimitException})
 * @param maxItems       most sequence items (at every depth) accepted before the input is refused
 *                       ({@link DatasetLimitException})
 *
 * <p>Why counts and not only bytes: a parsed element or item costs heap whatever its encoded size,
 * so a few megabytes of empty items (8 bytes each) would become a tree many times larger. The
 * defaults ({@value #DEFAULT_MAX_ELEMENTS} elements, {@value #DEFAULT_MAX_ITEMS} items, 64 levels)
 * hold a radiotherapy structure set of 200 ROIs with 500 contours each several times over, and
 * bound a tree to a few hundred megabytes at worst.
 */
public record ReadOptions(
        BulkDataDescriptor bulkData,
        BulkDataHandler bulkHandler,
        Predicate<ElementHeader> stopBefore,
        OddLengthStrategy oddLength,
        int maxDepth,
        long maxElements,
        long maxItems) {

    /** Default {@link #maxElements()}: 4,000,000. */
    public static final long DEFAULT_MAX_ELEMENTS = 4_000_000;
    /** Default {@link #maxItems()}: 1,000,000. */
    public static final long DEFAULT_MAX_ITEMS = 1_000_000;

    /**
     * Everything read into memory, odd lengths accepted, nesting up to 64 levels, at most
     * {@value #DEFAULT_MAX_ELEMENTS} elements and {@value #DEFAULT_MAX_ITEMS} items.
     */
    public static final ReadOptions DEFAULT = new ReadOptions(BulkDataDescriptor.NONE, null, h -> false,
            OddLengthStrategy.ACCEPT, 64, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_ITEMS);

    /** Stops before the Pixel Data element (7FE0,0010) at the top level. */
    public static final Predicate<ElementHeader> PIXEL_DATA = h -> Integer.compareUnsigned(h.tag(), 0x7FE00010) >= 0;

    public ReadOptions {
        Objects.requireNonNull(bulkData, "bulkData");
        Objects.requireNonNull(stopBefore, "stopBefore");
        Objects.requireNonNull(oddLength, "oddLength");
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive");
        }
        if (maxElements < 1 || maxItems < 0) {
            throw new IllegalArgumentException("maxElements must be positive and maxItems not negative");
        }
    }

    /** With bulk data selected by {@code descriptor} and given to {@code handler}. */
    public ReadOptions withBulkData(BulkDataDescriptor descriptor, BulkDataHandler handler) {
        return new ReadOptions(descriptor, handler, stopBefore, oddLength, maxDepth, maxElements, maxItems);
    }

    /** Stopping before the first top-level element that {@code condition} accepts. */
    public ReadOptions withStopBefore(Predicate<ElementHeader> condition) {
        return new ReadOptions(bulkData, bulkHandler, condition, oddLength, maxDepth, maxElements, maxItems);
    }

    /** With another odd length strategy. */
    public ReadOptions withOddLength(OddLengthStrategy strategy) {
        return new ReadOptions(bulkData, bulkHandler, stopBefore, strategy, maxDepth, maxElements, maxItems);
    }

    /** With another nesting limit. */
    public ReadOptions withMaxDepth(int depth) {
        return new ReadOptions(bulkData, bulkHandler, stopBefore, oddLength, depth, maxElements, maxItems);
    }

    /** With other element and item limits (see {@link #maxElements()}, {@link #maxItems()}). */
    public ReadOptions withMaxCounts(long elements, long items) {
        return new ReadOptions(bulkData, bulkHandler, stopBefore, oddLength, maxDepth, elements, items);
    }
}
