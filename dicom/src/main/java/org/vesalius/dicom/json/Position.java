package org.vesalius.dicom.json;

import java.util.Arrays;

/** Tracks where a {@link DatasetVisitor} stands: the enclosing sequences and item indexes. */
final class Position {

    // steps[2d] = tag of the sequence at depth d, steps[2d + 1] = index of its current item.
    private int[] steps = new int[16];
    private int depth;

    /** Nesting depth of the elements being visited: 0 at the top level. */
    int depth() {
        return depth;
    }

    void enterSequence(int tag) {
        if (depth * 2 + 2 >= steps.length) {
            steps = Arrays.copyOf(steps, steps.length * 2);
        }
        steps[depth * 2] = tag;
        steps[depth * 2 + 1] = -1;
        depth++;
    }

    /** Moves to the next item of the innermost sequence and returns its index (from 0). */
    int nextItem() {
        return ++steps[depth * 2 - 1];
    }

    void exitSequence() {
        depth--;
    }

    /** The path of {@code tag} at the current position. */
    TagPath pathOf(int tag) {
        int[] copy = Arrays.copyOf(steps, depth * 2 + 1);
        copy[depth * 2] = tag;
        return TagPath.ofSteps(copy, copy.length);
    }
}
