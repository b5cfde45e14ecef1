package org.vesalius.dicom.image;

import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;

/**
 * Where an enhanced multi-frame object keeps per-frame values (PS3.3 C.7.6.16): a functional group
 * macro in the frame's item of the Per-Frame Functional Groups Sequence, else in the Shared
 * Functional Groups Sequence.
 */
final class FunctionalGroups {

    private FunctionalGroups() {
    }

    /** The first item of the macro sequence {@code macroTag} that applies to {@code frame} (1-based), or null. */
    static Dataset macro(Dataset header, int frame, int macroTag) {
        Sequence perFrame = header.getSequence(Tags.PerFrameFunctionalGroupsSequence);
        if (perFrame != null && frame >= 1 && frame <= perFrame.size()) {
            Dataset found = first(perFrame.get(frame - 1), macroTag);
            if (found != null) {
                return found;
            }
        }
        Sequence shared = header.getSequence(Tags.SharedFunctionalGroupsSequence);
        return shared == null || shared.isEmpty() ? null : first(shared.get(0), macroTag);
    }

    private static Dataset first(Dataset item, int tag) {
        Sequence s = item.getSequence(tag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }
}
