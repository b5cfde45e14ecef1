package org.vesalius.vna.archive.journal;

import java.util.List;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * Applies journal entries to a header in memory: the index, reindex and the index catch-up call
 * it on the header they read; retrieval calls it to learn the header it streams. Text is written
 * in the header's own character set, or the header moves to UTF-8 when that set cannot hold it
 * ({@link CharsetUpgrade}).
 */
public final class JournalReplay {

    private JournalReplay() {
    }

    /** Applies {@code entries} in order to {@code header} (mutable, top level). */
    public static void apply(Dataset header, List<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            apply(header, e.newValues());
        }
    }

    /** Sets {@code values} (top-level attributes) on {@code header}. */
    static void apply(Dataset header, Dataset values) {
        if (!CharsetUpgrade.fits(header, values)) {
            CharsetUpgrade.toUtf8(header);
        }
        for (int i = 0; i < values.size(); i++) {
            int tag = values.tagAt(i);
            if (tag != Tag.SPECIFIC_CHARACTER_SET) {
                copy(values, i, header);
            }
        }
    }

    /**
     * Copies element {@code i} of {@code from} into {@code to}, items included, text decoded with
     * {@code from}'s character set and written in {@code to}'s (which must be able to hold it).
     * Item-level Specific Character Sets are not copied: the items take {@code to}'s.
     */
    public static void copy(Dataset from, int i, Dataset to) {
        int tag = from.tagAt(i);
        VR vr = from.vrAt(i);
        Object value = from.valueAt(i);
        if (value instanceof Sequence seq) {
            Sequence target = to.newSequence(tag, seq.size());
            for (Dataset item : seq) {
                Dataset copy = target.addItem();
                for (int j = 0; j < item.size(); j++) {
                    if (item.tagAt(j) != Tag.SPECIFIC_CHARACTER_SET) {
                        copy(item, j, copy);
                    }
                }
            }
        } else if (vr.usesSpecificCharacterSet() && value instanceof byte[]) {
            to.setString(tag, vr, CharsetUpgrade.unpadded(from.getText(tag)));
        } else {
            to.set(tag, vr, value);
        }
    }
}
