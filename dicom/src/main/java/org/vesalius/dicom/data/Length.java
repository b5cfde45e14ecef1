package org.vesalius.dicom.data;

/**
 * Value lengths as read from an encoding: an unsigned 32-bit number held in a {@code long},
 * where {@link #UNDEFINED} (0xFFFFFFFF) means "delimited by an item or sequence delimiter".
 *
 * <p>Kept as a primitive with a named constant rather than a bare {@code -1}, so that no code
 * mistakes an undefined length for a small negative count.
 */
public final class Length {

    /** The undefined length 0xFFFFFFFF. */
    public static final long UNDEFINED = 0xFFFFFFFFL;

    private Length() {
    }

    /** True when {@code length} is the undefined length. */
    public static boolean isUndefined(long length) {
        return length == UNDEFINED;
    }

    /** Interprets a 32-bit length field as unsigned. */
    public static long fromField(int field) {
        return field & 0xFFFFFFFFL;
    }

    /** Formats a length for messages: "undefined" or the decimal number. */
    public static String toString(long length) {
        return isUndefined(length) ? "undefined" : Long.toString(length);
    }
}
