package org.vesalius.dicom.json;

import java.util.List;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * A non-ASCII string read from JSON, not yet encoded: its bytes depend on the Specific Character
 * Set, which may only be known once the whole document is read (keys may come in any order, and
 * items inherit it from their parents).
 */
record PendingText(Dataset dataset, int tag, VR vr, String text) {

    private static final String UTF_8 = "ISO_IR 192";

    /**
     * Encodes every pending string with the character set in effect where it stands. When one of
     * them cannot be represented in that set (or none is declared), the whole tree is switched to
     * ISO_IR 192 (UTF-8) first, so that no character is lost.
     */
    static void encodeAll(Dataset root, List<PendingText> pending) {
        if (pending.isEmpty()) {
            return;
        }
        if (!pending.stream().allMatch(PendingText::representable)) {
            declareUtf8(root);
        }
        for (PendingText p : pending) {
            SpecificCharacterSet cs = p.dataset.specificCharacterSet();
            p.dataset.set(p.tag, p.vr, padded(cs.encode(p.text, p.vr), p.vr));
        }
    }

    /** True when the character set in effect encodes the text and decodes it back unchanged. */
    private boolean representable() {
        if (!vr.usesSpecificCharacterSet()) {
            return true; // other VRs are outside the character set's reach: nothing to gain
        }
        SpecificCharacterSet cs = dataset.specificCharacterSet();
        byte[] bytes = cs.encode(text, vr);
        return cs.decode(bytes, 0, bytes.length, vr).equals(text);
    }

    private static void declareUtf8(Dataset root) {
        root.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, UTF_8);
        redeclareInItems(root);
    }

    /** Items that declare their own character set would otherwise not inherit UTF-8. */
    private static void redeclareInItems(Dataset dataset) {
        for (int i = 0; i < dataset.size(); i++) {
            if (dataset.valueAt(i) instanceof Sequence seq) {
                for (Dataset item : seq) {
                    if (item.contains(Tag.SPECIFIC_CHARACTER_SET)) {
                        item.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, UTF_8);
                    }
                    redeclareInItems(item);
                }
            }
        }
    }

    /** Pads to even length with the VR's padding byte. */
    static byte[] padded(byte[] bytes, VR vr) {
        if ((bytes.length & 1) == 0) {
            return bytes;
        }
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        out[bytes.length] = vr.paddingByte();
        return out;
    }
}
