package org.vesalius.dicom.json;

import java.util.Arrays;
import org.vesalius.dicom.data.Tag;

/**
 * Where an element stands in a data set: the tags of the sequences that lead to it, with the
 * index of the item taken in each, then its own tag. Immutable.
 *
 * <p>{@link #toString()} gives the form a bulk data URI can end with: hexadecimal tags and
 * item indexes (counted from 0) separated by {@code /}, for example {@code 7FE00010} at the top
 * level or {@code 0040A730/2/00420011} inside the third item of a sequence.
 */
public final class TagPath {

    // Alternating tag, item index, tag, ..., tag: always an odd length.
    private final int[] steps;

    private TagPath(int[] steps) {
        this.steps = steps;
    }

    /** The path of a top-level element. */
    public static TagPath of(int tag) {
        return new TagPath(new int[] {tag});
    }

    /** The path of {@code tag} inside item {@code itemIndex} of the sequence at this path. */
    public TagPath child(int itemIndex, int tag) {
        if (itemIndex < 0) {
            throw new IllegalArgumentException("item index must not be negative: " + itemIndex);
        }
        int[] more = Arrays.copyOf(steps, steps.length + 2);
        more[steps.length] = itemIndex;
        more[steps.length + 1] = tag;
        return new TagPath(more);
    }

    /** Builds a path from alternating tags and item indexes: {@code tag, index, tag, ..., tag}. */
    static TagPath ofSteps(int[] steps, int length) {
        if ((length & 1) == 0) {
            throw new IllegalArgumentException("a path has an odd number of steps");
        }
        return new TagPath(Arrays.copyOf(steps, length));
    }

    /** The tag of the element itself (the last step). */
    public int tag() {
        return steps[steps.length - 1];
    }

    /** Nesting depth: 0 for a top-level element, 1 inside an item of a top-level sequence, and so on. */
    public int depth() {
        return steps.length / 2;
    }

    /** The tag of the sequence at nesting level {@code level} (0 ≤ level ≤ depth; level == depth gives {@link #tag()}). */
    public int tagAt(int level) {
        return steps[level * 2];
    }

    /** The index of the item taken at nesting level {@code level} (0 ≤ level &lt; depth). */
    public int itemIndexAt(int level) {
        if (level >= depth()) {
            throw new IndexOutOfBoundsException(level);
        }
        return steps[level * 2 + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagPath other && Arrays.equals(steps, other.steps);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(steps);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(steps.length * 9);
        for (int i = 0; i < steps.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append((i & 1) == 0 ? Tag.toHexString(steps[i]) : Integer.toString(steps[i]));
        }
        return sb.toString();
    }
}
