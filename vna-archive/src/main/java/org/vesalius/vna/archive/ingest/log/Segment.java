package org.vesalius.vna.archive.ingest.log;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One segment file, {@code {first position, 20 digits}.log}, and what is known of it in memory:
 * where each durable record starts, and which records the index has confirmed. Guarded by the
 * {@link IngestLog}'s lock; {@link #channel} is used by the writer thread only.
 */
final class Segment {

    final Path file;
    final long first;
    /** Open for appending while this is the segment being written. */
    FileChannel channel;
    /** Durable records, and the byte length they end at. */
    int records;
    long bytes;
    private int[] offsets = new int[64];
    private final BitSet done = new BitSet();
    private int doneCount;

    Segment(Path file, long first) {
        this.file = file;
        this.first = first;
    }

    static String name(long first) {
        return String.format("%020d.log", first);
    }

    /** A record made durable at {@code offset}; returns its position. */
    long added(int offset, int length) {
        if (records == offsets.length) {
            offsets = Arrays.copyOf(offsets, records * 2);
        }
        offsets[records] = offset;
        bytes = (long) offset + length;
        return first + records++;
    }

    boolean contains(long position) {
        return position >= first && position < first + records;
    }

    /** Marks {@code position} indexed; false when it already was. */
    boolean markDone(long position) {
        int ordinal = (int) (position - first);
        if (done.get(ordinal)) {
            return false;
        }
        done.set(ordinal);
        doneCount++;
        return true;
    }

    boolean isDone(long position) {
        return done.get((int) (position - first));
    }

    boolean allDone() {
        return doneCount == records;
    }

    int unindexed() {
        return records - doneCount;
    }

    /** The ordinal of the record starting at {@code offset} (which must be a record's start or {@code bytes}). */
    int ordinalAt(long offset) {
        int i = Arrays.binarySearch(offsets, 0, records, (int) offset);
        return i >= 0 ? i : records;
    }

    /** Where the first record not yet indexed starts, or {@code bytes} when there is none. */
    long firstUnindexedOffset() {
        int ordinal = done.nextClearBit(0);
        return ordinal < records ? offsets[ordinal] : bytes;
    }
}
