package org.vesalius.dicom.data;

/**
 * Reads and writes little-endian numbers in byte arrays: the order in which a {@link Dataset}
 * holds binary values whatever the transfer syntax they were read from.
 */
public final class LittleEndian {

    private LittleEndian() {
    }

    /** Unsigned 16-bit value at {@code offset}. */
    public static int uint16(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    /** 32-bit value at {@code offset}. */
    public static int int32(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16 | b[offset + 3] << 24;
    }

    /** 64-bit value at {@code offset}. */
    public static long int64(byte[] b, int offset) {
        return (int32(b, offset) & 0xFFFFFFFFL) | (long) int32(b, offset + 4) << 32;
    }

    /** A tag stored as an AT value: two little-endian 16-bit halves, group first. */
    public static int tag(byte[] b, int offset) {
        return uint16(b, offset) << 16 | uint16(b, offset + 2);
    }

    /** Writes the low {@code width} bytes (1, 2, 4 or 8) of {@code value} at {@code offset}. */
    public static void put(byte[] b, int offset, int width, long value) {
        for (int i = 0; i < width; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Writes a tag as an AT value. */
    public static void putTag(byte[] b, int offset, int tag) {
        put(b, offset, 2, tag >>> 16);
        put(b, offset + 2, 2, tag & 0xFFFF);
    }

    /**
     * Reverses the byte order of each {@code unit}-byte word in place (unit 1 does nothing): the
     * conversion between little and big endian for a value of a VR with that swap unit.
     */
    public static void swap(byte[] b, int offset, int length, int unit) {
        if (unit <= 1) {
            return;
        }
        int end = offset + length - length % unit;
        for (int i = offset; i < end; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }
}
