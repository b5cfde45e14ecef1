package org.vesalius.vna.archive.api.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * One instance as the archive serves it, to every edge alike: the stored object with ingest's
 * coercions and the metadata journal applied; in its stored transfer syntax, or transcoded on
 * request (decoding compressed pixel data to a native syntax, within the toolkit's decoders).
 * The streams read the store afresh each time, so it may be opened more than once.
 */
public interface ServedInstance {

    /** Study, series and SOP Instance UID. */
    InstanceRef ref();

    /** SOP Class UID (0008,0016), or the File Meta's when the data set has none; "" when neither. */
    String sopClassUid();

    /** The transfer syntax it is stored (and served as is) in. */
    String transferSyntaxUid();

    /** A strong HTTP entity tag for the served bytes: it changes when a journal entry starts to apply. */
    String etag();

    /** Length of {@link #openPart10()}, or -1 when unknown. */
    long part10Length();

    /** The served Part 10 object, in its stored transfer syntax. */
    InputStream openPart10();

    /**
     * The local file that holds exactly {@link #openPart10()}'s bytes (the instance is served as
     * stored, from a filesystem store), for sending without a copy through the heap; else empty.
     */
    default Optional<java.nio.file.Path> storedFile() {
        return Optional.empty();
    }

    /** The served data set alone (no preamble, no File Meta), in its stored transfer syntax: what a C-STORE sends. */
    InputStream openDataSet();

    /** The Image Pixel description of the served header, or null when it describes no pixels. */
    PixelDescription pixelDescription();

    /**
     * Why it cannot be served in transfer syntax {@code uid}, or empty when it can (as stored, or
     * transcoded). Every edge asks this one question, so WADO and DIMSE transcode alike.
     */
    Optional<String> unavailableIn(String uid);

    /**
     * Writes the served Part 10 object in transfer syntax {@code uid}, transcoding as it streams
     * when that is not the stored syntax.
     *
     * @throws org.vesalius.dicom.codec.UnsupportedTranscodingException see {@link #unavailableIn}
     */
    void writePart10(String uid, OutputStream out) throws IOException;
}
