package org.vesalius.vna.archive.ingest;

import java.util.function.Predicate;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Length;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.ElementHeader;

/**
 * Where the header of an instance ends: before the first top-level element that is Pixel Data
 * (or Float / Double Float Pixel Data, or anything after them), or whose value alone would push
 * the header past the cap (a large Encapsulated Document or private blob). What follows is
 * streamed to the blob store unparsed. Ingest, the index queue's catch-up and reindex all cut the
 * header here, so they index the same attributes.
 */
final class HeaderStop implements Predicate<ElementHeader> {

    /** (7FE0,0008) Float Pixel Data: the first of the pixel data elements. */
    private static final int FIRST_PIXEL_DATA_TAG = 0x7FE00008;

    private final long maxHeaderBytes;

    HeaderStop(long maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public boolean test(ElementHeader h) {
        if (Integer.compareUnsigned(h.tag(), FIRST_PIXEL_DATA_TAG) >= 0) {
            return true;
        }
        if (h.offset() > maxHeaderBytes) {
            return true; // the header is too large; the caller refuses it
        }
        boolean sequence = h.vr() == VR.SQ || Length.isUndefined(h.length());
        return !sequence && h.offset() + 12 + h.length() > maxHeaderBytes;
    }

    /**
     * Removes the pixel data elements a whole-object parse (deflated data sets) left in the header,
     * so that it holds what a cut header holds.
     */
    static void trimPixelData(Dataset header) {
        while (!header.isEmpty() && Integer.compareUnsigned(header.tagAt(header.size() - 1), FIRST_PIXEL_DATA_TAG) >= 0) {
            header.remove(header.tagAt(header.size() - 1));
        }
    }
}
