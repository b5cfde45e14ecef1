package org.vesalius.dicom.io;

import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.VR;

/**
 * What a reader can tell from the first bytes of its input when nothing declares the encoding:
 * the "DICM" magic, whether bytes look like a data set at all, and the encoding of a data set
 * from its first element header (byte order from the group number, explicit VR from the VR
 * bytes; PS3.5 needs no more).
 */
final class EncodingGuess {

    private EncodingGuess() {
    }

    /** True when the four bytes at {@code at} are "DICM". */
    static boolean isMagic(byte[] b, int at) {
        return b[at] == 'D' && b[at + 1] == 'I' && b[at + 2] == 'C' && b[at + 3] == 'M';
    }

    /** Plausibility of a headerless data set: its first group is small in one byte order. */
    static boolean looksLikeDataset(byte[] b, int p, int n) {
        if (n < 8) {
            return false;
        }
        int groupLe = LittleEndian.uint16(b, p);
        int groupBe = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
        return groupLe >= 0x0002 && groupLe <= 0x00FF || groupBe >= 0x0002 && groupBe <= 0x00FF;
    }

    /** The encoding of the element header at {@code p} (8 bytes must be there). */
    static TransferSyntax of(byte[] b, int p) {
        int groupLe = LittleEndian.uint16(b, p);
        int groupBe = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
        boolean big = groupLe > 0x00FF && (groupLe & 0xFF) == 0 && groupBe < groupLe;
        if (big) {
            return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        }
        boolean explicitVr = VR.ofCode((b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF)) != null;
        return explicitVr ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }
}
