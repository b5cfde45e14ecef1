package org.vesalius.vna.archive.retrieve;

import java.io.InputStream;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.retrieve.BulkData;

/**
 * One bulk data value of a stored instance, found by its tag path (what a metadata response's
 * {@code BulkDataURI} names): read by range from the store, binary values little endian.
 * Encapsulated pixel data is served as its frames instead ({@link #pixelData()}).
 */
final class BulkDataValue implements BulkData {

    private final String version;
    private final VR vr;
    private final StoredRegion region;
    private final long offset;
    private final long length;
    private final int swapUnit;
    private final PixelData pixelData;

    BulkDataValue(String version, VR vr, StoredRegion region, long offset, long length, int swapUnit, PixelData pixelData) {
        this.version = version;
        this.vr = vr;
        this.region = region;
        this.offset = offset;
        this.length = length;
        this.swapUnit = swapUnit;
        this.pixelData = pixelData;
    }

    /** Identifies the stored object the value comes from (key and SHA-256), for entity tags. */
    public String version() {
        return version;
    }

    /** The value's VR. */
    public VR vr() {
        return vr;
    }

    /** Length in bytes (-1 for encapsulated pixel data). */
    public long length() {
        return pixelData != null ? -1 : length;
    }

    /** For encapsulated pixel data: its frames, which are what it is served as; else null. */
    public PixelData pixelData() {
        return pixelData;
    }

    /** The value. */
    public InputStream open() {
        return open(0, length);
    }

    /** {@code count} bytes of the value from {@code from} (a byte range request). */
    public InputStream open(long from, long count) {
        if (pixelData != null) {
            throw new IllegalStateException("encapsulated pixel data is served as frames");
        }
        if (from < 0 || count < 0 || from + count > length) {
            throw new IllegalArgumentException("range " + from + "+" + count + " outside a value of " + length + " bytes");
        }
        if (swapUnit > 1 && (from % swapUnit != 0 || count % swapUnit != 0)) {
            long start = from - from % swapUnit;
            long end = Math.min(length, (from + count + swapUnit - 1) / swapUnit * swapUnit);
            InputStream words = region.open(offset + start, end - start, swapUnit);
            try {
                words.skipNBytes(from - start);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new BoundedInputStream(words, count);
        }
        return region.open(offset + from, count, swapUnit);
    }
}
