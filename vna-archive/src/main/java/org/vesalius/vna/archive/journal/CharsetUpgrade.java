package org.vesalius.vna.archive.journal;

import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * Moves a header to UTF-8 ({@code ISO_IR 192}) when a new value cannot be written in its own
 * character set: a name from the hospital's registration ("Müller", "Łukasz") for an instance
 * written in the default repertoire. Every text value whose VR uses the Specific Character Set is
 * decoded with the set in force and written again in UTF-8, items included; for a header that
 * was plain ASCII only (0008,0005) changes. Replacing characters with {@code ?} instead would
 * lose the correction the journal exists to carry.
 */
final class CharsetUpgrade {

    static final String UTF_8 = "ISO_IR 192";

    private CharsetUpgrade() {
    }

    /** True when every text value of {@code values} (items included) can be written in {@code header}'s set. */
    static boolean fits(Dataset header, Dataset values) {
        SpecificCharacterSet cs = header.specificCharacterSet();
        return fits(cs, values);
    }

    private static boolean fits(SpecificCharacterSet cs, Dataset values) {
        for (int i = 0; i < values.size(); i++) {
            int tag = values.tagAt(i);
            VR vr = values.vrAt(i);
            if (values.valueAt(i) instanceof Sequence seq) {
                for (Dataset item : seq) {
                    if (!fits(cs, item)) {
                        return false;
                    }
                }
            } else if (vr.usesSpecificCharacterSet() && tag != Tag.SPECIFIC_CHARACTER_SET) {
                String text = values.getText(tag);
                if (text != null && !cs.canEncode(text)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rewrites {@code header} (mutable) in UTF-8. */
    static void toUtf8(Dataset header) {
        if (header.specificCharacterSet().definedTerms().equals(List.of(UTF_8))) {
            return;
        }
        List<Runnable> rewrites = new ArrayList<>();
        collect(header, rewrites);
        header.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, UTF_8);
        rewrites.forEach(Runnable::run);
    }

    /** Decodes every text value now (with the sets in force) and returns how to write it again. */
    private static void collect(Dataset ds, List<Runnable> rewrites) {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            VR vr = ds.vrAt(i);
            if (ds.valueAt(i) instanceof Sequence seq) {
                for (Dataset item : seq) {
                    collect(item, rewrites);
                }
            } else if (tag == Tag.SPECIFIC_CHARACTER_SET && ds.parent() != null) {
                rewrites.add(() -> ds.remove(Tag.SPECIFIC_CHARACTER_SET)); // items inherit UTF-8
            } else if (vr.usesSpecificCharacterSet() && ds.valueAt(i) instanceof byte[]) {
                String text = unpadded(ds.getText(tag));
                rewrites.add(() -> ds.setString(tag, vr, text));
            }
        }
    }

    /** {@code text} without trailing spaces and NULs: padding, which the new encoding adds again if its length needs it. */
    static String unpadded(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\0')) {
            end--;
        }
        return text.substring(0, end);
    }
}
