package org.vesalius.dicom.io;

import org.vesalius.dicom.data.Length;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * The header of an element as read: tag, VR (from the encoding or, in Implicit VR, from the
 * dictionary), value length (possibly {@link Length#UNDEFINED}), and where it stands.
 *
 * @param tag    the tag
 * @param vr     the VR
 * @param length the value length
 * @param offset byte offset of the header in the input
 * @param depth  nesting depth, 0 for the top-level data set
 */
public record ElementHeader(int tag, VR vr, long length, long offset, int depth) {

    @Override
    public String toString() {
        return Tag.toString(tag) + " " + vr + " #" + Length.toString(length) + " @" + offset;
    }
}
