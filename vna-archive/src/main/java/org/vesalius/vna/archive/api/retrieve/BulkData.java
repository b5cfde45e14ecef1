package org.vesalius.vna.archive.api.retrieve;

import java.io.InputStream;

/** One bulk data value of an instance (a BulkDataURI's target), read from the stored object. */
public interface BulkData {

    /** Identifies the stored object the value comes from, for entity tags. */
    String version();

    /** Length in bytes (-1 for encapsulated pixel data). */
    long length();

    /** For encapsulated pixel data: its frames, which are what it is served as; else null. */
    Frames pixelData();

    /** The value. */
    InputStream open();

    /** {@code count} bytes of the value from {@code from} (a byte range request). */
    InputStream open(long from, long count);
}
