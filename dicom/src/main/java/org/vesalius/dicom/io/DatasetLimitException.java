package org.vesalius.dicom.io;

/**
 * The input exceeds one of the reader's structural limits ({@link ReadOptions#maxElements()},
 * {@link ReadOptions#maxItems()}, {@link ReadOptions#maxDepth()}): it may be valid DICOM, but
 * holding it in memory would cost more heap than the caller allows. A subclass of
 * {@link MalformedDicomException} so that callers that refuse bad input refuse this too; callers
 * that answer "too large" rather than "malformed" catch it first.
 */
public final class DatasetLimitException extends MalformedDicomException {

    private static final long serialVersionUID = 1L;

    /** Which limit was exceeded. */
    public enum Limit {
        /** {@link ReadOptions#maxElements()}. */
        ELEMENTS,
        /** {@link ReadOptions#maxItems()}. */
        ITEMS,
        /** {@link ReadOptions#maxDepth()}. */
        DEPTH
    }

    private final Limit limit;
    private final long maximum;

    /** {@code limit} (whose value is {@code maximum}) was exceeded at {@code offset}, in {@code tag}. */
    public DatasetLimitException(Limit limit, long maximum, long offset, int tag) {
        super(describe(limit, maximum), offset, tag);
        this.limit = limit;
        this.maximum = maximum;
    }

    /** The limit exceeded. */
    public Limit limit() {
        return limit;
    }

    /** Its value. */
    public long maximum() {
        return maximum;
    }

    private static String describe(Limit limit, long maximum) {
        return switch (limit) {
            case ELEMENTS -> "more than " + maximum + " elements";
            case ITEMS -> "more than " + maximum + " sequence items";
            case DEPTH -> "sequences nested deeper than " + maximum + " levels";
        };
    }
}
