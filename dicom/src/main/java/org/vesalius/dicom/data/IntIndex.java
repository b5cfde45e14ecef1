package org.vesalius.dicom.data;

/**
 * An immutable map from {@code int} keys to non-negative {@code int} values, by open addressing
 * with linear probing: a lookup costs a multiply and, at a load factor of at most one half,
 * one or two array reads, with no boxing.
 */
final class IntIndex {

    private final int[] keys;
    /** The value plus one; 0 marks an empty slot, since every int is a valid key. */
    private final int[] slots;
    private final int shift;

    /**
     * @param keys distinct keys
     * @param values the value of each key, {@code >= 0}
     */
    IntIndex(int[] keys, int[] values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException("keys and values differ in length");
        }
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(2, keys.length * 2 - 1));
        this.keys = new int[1 << bits];
        this.slots = new int[1 << bits];
        this.shift = 32 - bits;
        for (int i = 0; i < keys.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException("negative value " + values[i]);
            }
            int slot = find(keys[i]);
            if (slots[slot] != 0) {
                throw new IllegalArgumentException("duplicate key " + Tag.toString(keys[i]));
            }
            this.keys[slot] = keys[i];
            this.slots[slot] = values[i] + 1;
        }
    }

    /** The value of {@code key}, or -1 when absent. */
    int get(int key) {
        return slots[find(key)] - 1;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int find(int key) {
        int mask = keys.length - 1;
        // Fibonacci hashing spreads tags, which differ mostly in their low bits, over the table.
        int slot = (key * 0x9E3779B9) >>> shift;
        while (slots[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
