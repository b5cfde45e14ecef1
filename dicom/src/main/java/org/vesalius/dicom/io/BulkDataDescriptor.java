package org.vesalius.dicom.io;

import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * Decides which values are bulk data: handed to a {@link BulkDataHandler} instead of being read
 * into memory.
 */
@FunctionalInterface
public interface BulkDataDescriptor {

    /**
     * True when the value of the element is bulk data.
     *
     * @param depth  nesting depth: 0 for the top-level data set, 1 inside an item of a top-level
     *               sequence, and so on
     * @param tag    the element's tag
     * @param vr     the element's VR
     * @param length the value length in bytes (never undefined: fragments are asked one by one
     *               with the length of each fragment)
     */
    boolean isBulkData(int depth, int tag, VR vr, long length);

    /** Nothing is bulk data. */
    BulkDataDescriptor NONE = (depth, tag, vr, length) -> false;

    /**
     * The standard bulk data of PS3.18 (what a WADO-RS metadata response leaves out): Pixel Data
     * and its float variants, Spectroscopy Data, Overlay Data, Curve Data, Audio Sample Data,
     * Waveform Data and Encapsulated Document, at the top level or (for waveforms) in items.
     */
    BulkDataDescriptor STANDARD = (depth, tag, vr, length) -> {
        int group = Tag.group(tag);
        int element = Tag.element(tag);
        switch (tag) {
            case 0x7FE00010, 0x7FE00008, 0x7FE00009, 0x56000020, 0x00420011, 0x54001010, 0x50003000:
                return true;
            default:
                break;
        }
        boolean overlay = (group & 0xFF01) == 0x6000 && element == 0x3000;
        boolean curveOrAudio = (group & 0xFF01) == 0x5000 && (element == 0x3000 || element == 0x200C);
        return overlay || curveOrAudio;
    };

    /** Any binary value (OB, OD, OF, OL, OV, OW, UN) longer than {@code threshold} bytes. */
    static BulkDataDescriptor binaryLongerThan(long threshold) {
        return (depth, tag, vr, length) -> length > threshold && switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> true;
            default -> false;
        };
    }

    /** This descriptor or {@code other}. */
    default BulkDataDescriptor or(BulkDataDescriptor other) {
        return (depth, tag, vr, length) -> isBulkData(depth, tag, vr, length) || other.isBulkData(depth, tag, vr, length);
    }
}
