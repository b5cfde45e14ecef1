package org.vesalius.dicom.data;

import java.util.Objects;

/**
 * A value that is not held in memory but stays where it was read (or was stored): the bytes at
 * {@code offset} for {@code length} bytes of the resource named by {@code uri}.
 *
 * <p>Used for pixel data and other large values when a reader is told to record where bulk data
 * lives instead of loading it; a writer or a DICOMweb server resolves it back to bytes.
 *
 * @param uri    where the bytes are (a file URI, an archive-internal URI, a BulkDataURI)
 * @param offset byte offset of the value in that resource, or -1 when the URI alone locates it
 * @param length length of the value in bytes, or -1 when unknown
 */
public record BulkDataRef(String uri, long offset, long length) {

    public BulkDataRef {
        Objects.requireNonNull(uri, "uri");
    }

    /** A reference located by its URI alone. */
    public static BulkDataRef of(String uri) {
        return new BulkDataRef(uri, -1, -1);
    }
}
