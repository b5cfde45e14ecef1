package org.vesalius.dicom.io;

import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * Encoded lengths, computed exactly as {@link DicomWriter} writes: needed for group lengths and
 * for sequences and items written with defined length.
 */
final class Encoded {

    private Encoded() {
    }

    static long rawLength(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        long length = ((BulkDataRef) value).length();
        if (length < 0) {
            throw new IllegalArgumentException("bulk data reference of unknown length: " + ((BulkDataRef) value).uri());
        }
        return length;
    }

    static long elementLength(Dataset dataset, int index, boolean explicit, boolean preserve) {
        VR vr = dataset.vrAt(index);
        Object value = dataset.valueAt(index);
        long headerLong = explicit ? 12 : 8;
        if (value instanceof Sequence seq) {
            boolean itemsExplicit = !(preserve && seq.implicitLittleEndianItems()) && explicit;
            boolean undefined = !preserve || seq.undefinedLength();
            return headerLong + sequenceContentLength(seq, itemsExplicit, preserve) + (undefined ? 8 : 0);
        }
        if (value instanceof Fragments fragments) {
            long total = (explicit ? 12 : 8) + 8;
            for (int f = 0; f < fragments.size(); f++) {
                long length = fragments.lengthOf(f);
                total += 8 + (preserve ? length : length + (length & 1));
            }
            return total;
        }
        long length = rawLength(value);
        long written = preserve ? length : length + (length & 1);
        if (!explicit) {
            return 8 + written;
        }
        boolean longHeader = vr.hasLongHeader() || !preserve && written > 0xFFFF;
        return (longHeader ? 12 : 8) + written;
    }

    static long itemContentLength(Dataset item, boolean explicit, boolean preserve) {
        long total = 0;
        for (int i = 0; i < item.size(); i++) {
            if (!preserve && Tag.isGroupLength(item.tagAt(i))) {
                continue;
            }
            total += elementLength(item, i, explicit, preserve);
        }
        return total;
    }

    static long sequenceContentLength(Sequence seq, boolean explicit, boolean preserve) {
        long total = 0;
        for (Dataset item : seq) {
            boolean undefined = !preserve || item.undefinedLengthItem();
            total += 8 + itemContentLength(item, explicit, preserve) + (undefined ? 8 : 0);
        }
        return total;
    }
}
