package org.vesalius.dicom.image;

import org.vesalius.dicom.data.Dataset;

/**
 * A LUT as PS3.3 C.11 describes them: a descriptor (number of entries, first value mapped, bits per
 * entry) and the entries. Used for VOI LUTs and palette colour tables. Immutable.
 *
 * @param firstMapped the input value of the first entry; lower inputs map to the first entry
 * @param bits        bits per entry
 * @param entries     the entries
 */
public record LookupTable(int firstMapped, int bits, int[] entries) {

    /**
     * The LUT described by {@code descriptorTag} and held in {@code dataTag} of {@code ds}, or null
     * when either is missing or they disagree.
     *
     * @param signedInput whether the first mapped value is signed (it follows Pixel Representation)
     */
    public static LookupTable of(Dataset ds, int descriptorTag, int dataTag, boolean signedInput) {
        if (ds.valueCount(descriptorTag) < 3) {
            return null;
        }
        long count = ds.getLong(descriptorTag, 0).orElse(0) & 0xFFFF;
        int n = count == 0 ? 65536 : (int) count;
        int first = (int) ds.getLong(descriptorTag, 1).orElse(0);
        if (signedInput) {
            first = (short) first;
        } else {
            first &= 0xFFFF;
        }
        int bits = (int) ds.getLong(descriptorTag, 2).orElse(16);
        byte[] data = ds.getBytes(dataTag);
        if (data == null) {
            return null;
        }
        int[] entries = new int[n];
        if (data.length >= 2 * n) {
            for (int i = 0; i < n; i++) {
                entries[i] = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
            }
        } else if (bits <= 8 && data.length >= n) {
            for (int i = 0; i < n; i++) {
                entries[i] = data[i] & 0xFF; // 8-bit entries packed two to a word
            }
        } else {
            return null;
        }
        if (bits <= 8) {
            for (int i = 0; i < n; i++) {
                entries[i] &= 0xFF;
            }
        }
        return new LookupTable(first, bits <= 0 || bits > 16 ? 16 : bits, entries);
    }

    /** The entry for {@code value}, clamped to the first or last entry outside the table. */
    public int lookup(int value) {
        int i = value - firstMapped;
        return entries[i < 0 ? 0 : Math.min(i, entries.length - 1)];
    }

    /** The entry for {@code value} scaled to 0..255. */
    public int lookup8(int value) {
        int v = lookup(value);
        return bits > 8 ? v >>> (bits - 8) : v;
    }
}
