package org.vesalius.dicom.io;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The levels a {@link DicomStreamReader} has open: the top-level data set, then sequences, items
 * and encapsulated values, each with where it ends, how it is encoded, and what the data set at
 * that level has told so far (Private Creators, Pixel Representation) that decides how later
 * elements of Implicit VR are read. Parallel arrays rather than objects: one push per item.
 */
final class FrameStack {

    /** What a level is. */
    enum Kind { DATASET, SEQUENCE, FRAGMENTS }

    /** End of a level delimited by a delimiter rather than a length. */
    static final long NO_END = -1;

    private int top = -1;
    private Kind[] kinds = new Kind[16];
    private long[] ends = new long[16];
    private boolean[] explicit = new boolean[16];
    private boolean[] bigEndian = new boolean[16];
    private boolean[] probeItems = new boolean[16];
    private int[] pixelRepresentation = new int[16];
    @SuppressWarnings("unchecked")
    private Map<Integer, String>[] creators = new Map[16];

    void push(Kind kind, long end, boolean explicitVr, boolean big) {
        top++;
        if (top == kinds.length) {
            int cap = kinds.length * 2;
            kinds = Arrays.copyOf(kinds, cap);
            ends = Arrays.copyOf(ends, cap);
            explicit = Arrays.copyOf(explicit, cap);
            bigEndian = Arrays.copyOf(bigEndian, cap);
            probeItems = Arrays.copyOf(probeItems, cap);
            pixelRepresentation = Arrays.copyOf(pixelRepresentation, cap);
            creators = Arrays.copyOf(creators, cap);
        }
        kinds[top] = kind;
        ends[top] = end;
        explicit[top] = explicitVr;
        bigEndian[top] = big;
        probeItems[top] = false;
        pixelRepresentation[top] = -1;
        creators[top] = null;
    }

    void pop() {
        creators[top] = null;
        top--;
    }

    /** Forgets every level. */
    void clear() {
        while (top >= 0) {
            pop();
        }
    }

    /** Number of levels open above the top-level data set. */
    int openLevels() {
        return top;
    }

    boolean atTopLevel() {
        return top == 0;
    }

    Kind kind() {
        return kinds[top];
    }

    long end() {
        return ends[top];
    }

    void setEnd(long end) {
        ends[top] = end;
    }

    boolean explicitVr() {
        return explicit[top];
    }

    void setExplicitVr(boolean value) {
        explicit[top] = value;
    }

    boolean bigEndian() {
        return bigEndian[top];
    }

    /** True while the first item of a UN sequence has yet to show whether its VRs are explicit. */
    boolean probeItems() {
        return probeItems[top];
    }

    void setProbeItems(boolean value) {
        probeItems[top] = value;
    }

    int pixelRepresentation() {
        return pixelRepresentation[top];
    }

    void setPixelRepresentation(int value) {
        pixelRepresentation[top] = value;
    }

    /** The Private Creator of the current level that reserved {@code creatorTag}, or null. */
    String creator(int creatorTag) {
        Map<Integer, String> known = creators[top];
        return known == null ? null : known.get(creatorTag);
    }

    void rememberCreator(int creatorTag, String creator) {
        if (creators[top] == null) {
            creators[top] = new HashMap<>();
        }
        creators[top].put(creatorTag, creator);
    }

    /** The end of the innermost level that has a defined length, or {@link #NO_END}. */
    long innermostDefinedEnd() {
        for (int f = top; f >= 0; f--) {
            if (ends[f] != NO_END) {
                return ends[f];
            }
        }
        return NO_END;
    }

    /** Makes every level above the top-level data set end at {@code position}. */
    void endAllLevelsAt(long position) {
        for (int f = 1; f <= top; f++) {
            ends[f] = position;
        }
    }
}
