package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * Byte ranges of a stored data set, in its own coordinates (0 = its first byte, after inflation
 * when deflated): read by range from the store when the data set is plain, by inflating and
 * skipping when it is deflated.
 */
final class StoredRegion {

    private final BlobStore blobs;
    private final BlobKey key;
    private final StoredHead head;

    StoredRegion(BlobStore blobs, BlobKey key, StoredHead head) {
        this.blobs = blobs;
        this.key = key;
        this.head = head;
    }

    BlobKey key() {
        return key;
    }

    /** {@code length} bytes from {@code offset} of the data set. */
    InputStream open(long offset, long length) {
        if (!head.syntax.deflated()) {
            return blobs.openRange(key, head.prefix.length + offset, length);
        }
        InputStream raw = blobs.open(key);
        try {
            raw.skipNBytes(head.prefix.length);
            InputStream ds = head.dataSet(raw);
            ds.skipNBytes(offset);
            return new BoundedInputStream(ds, length);
        } catch (IOException e) {
            try {
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    /** The same range, with each {@code swapUnit}-byte word reversed (big endian served little endian). */
    InputStream open(long offset, long length, int swapUnit) {
        InputStream in = open(offset, length);
        return swapUnit > 1 ? new SwappedInputStream(in, swapUnit) : in;
    }
}
