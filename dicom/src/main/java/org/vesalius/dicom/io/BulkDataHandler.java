package org.vesalius.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.VR;

/**
 * Receives the bulk data values a {@link BulkDataDescriptor} selects, while they stream past.
 * Whatever the handler leaves unread of the value is skipped by the reader.
 */
@FunctionalInterface
public interface BulkDataHandler {

    /**
     * Handles one bulk value.
     *
     * @param value the element being read
     * @param in    the value's bytes, exactly {@link Value#length()} of them, as encoded (not
     *              byte-swapped, even in big endian)
     * @return what the data set keeps for the value: a {@link BulkDataRef}, a {@code byte[]}, or
     *         null to keep the element with an empty value
     */
    Object handle(Value value, InputStream in) throws IOException;

    /**
     * Describes a bulk value.
     *
     * @param tag            the element's tag
     * @param vr             its VR
     * @param offset         byte offset of the value in the input (not counting the header)
     * @param length         value length in bytes
     * @param fragment       index of the fragment for encapsulated values (0 is the offset table),
     *                       -1 for a plain value
     * @param depth          nesting depth (0 = top level)
     * @param offsetIsInFile true when {@code offset} is a position in the input as given; false
     *                       inside a deflated data set, where it counts inflated bytes
     */
    record Value(int tag, VR vr, long offset, long length, int fragment, int depth, boolean offsetIsInFile) {
    }

    /**
     * True when this handler can describe a bulk value that the input cuts short (a truncated
     * file): it is then given the bytes that are present and the file is marked irregular,
     * instead of the read failing. Handlers that load or copy values should not.
     */
    default boolean acceptsTruncatedValues() {
        return false;
    }

    /**
     * Records where each bulk value lives in {@code uri}; inside a deflated data set, where file
     * offsets mean nothing, values are read into memory instead. A value cut short by the end of
     * a file is recorded with the length actually present (see {@link #acceptsTruncatedValues()}).
     */
    static BulkDataHandler locationIn(String uri) {
        return new BulkDataLocations(uri);
    }

    /** Drops bulk values, keeping the elements with empty values. */
    BulkDataHandler DISCARD = (value, in) -> null;

    /** Copies each bulk value to {@code sink} and keeps nothing. */
    static BulkDataHandler copyTo(OutputStream sink) {
        return (value, in) -> {
            in.transferTo(sink);
            return null;
        };
    }
}
