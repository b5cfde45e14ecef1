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
 */
public record ReadOptions(
        BulkDataDescriptor bulkData,
        BulkDataHandler bulkHandler,
        Predicate<ElementHeader> stopBefore,
        OddLengthStrategy oddLength,
        int maxDepth) {

    /** Everything read into memory, odd lengths accepted, nesting up to 64 levels. */
    public static final ReadOptions DEFAULT = new ReadOptions(BulkDataDescriptor.NONE, null, h -> false, OddLengthStrategy.ACCEPT, 64);

    /** Stops before the Pixel Data element (7FE0,0010) at the top level. */
    public static final Predicate<ElementHeader> PIXEL_DATA = h -> Integer.compareUnsigned(h.tag(), 0x7FE00010) >= 0;

    public ReadOptions {
        Objects.requireNonNull(bulkData, "bulkData");
        Objects.requireNonNull(stopBefore, "stopBefore");
        Objects.requireNonNull(oddLength, "oddLength");
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive");
        }
    }

    /** With bulk data selected by {@code descriptor} and given to {@code handler}. */
    public ReadOptions withBulkData(BulkDataDescriptor descriptor, BulkDataHandler handler) {
        return new ReadOptions(descriptor, handler, stopBefore, oddLength, maxDepth);
    }

    /** Stopping before the first top-level element that {@code condition} accepts. */
    public ReadOptions withStopBefore(Predicate<ElementHeader> condition) {
        return new ReadOptions(bulkData, bulkHandler, condition, oddLength, maxDepth);
    }

    /** With another odd length strategy. */
    public ReadOptions withOddLength(OddLengthStrategy strategy) {
        return new ReadOptions(bulkData, bulkHandler, stopBefore, strategy, maxDepth);
    }

    /** With another nesting limit. */
    public ReadOptions withMaxDepth(int depth) {
        return new ReadOptions(bulkData, bulkHandler, stopBefore, oddLength, depth);
    }
}
