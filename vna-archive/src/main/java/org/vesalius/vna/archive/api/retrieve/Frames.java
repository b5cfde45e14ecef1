package org.vesalius.vna.archive.api.retrieve;

import java.io.InputStream;

/** The frames of an instance's pixel data, as WADO-RS frame and bulk data retrieval serve them. */
public interface Frames {

    /** Identifies the stored object the frames come from (for entity tags); the journal never changes pixel data. */
    String version();

    /** The frames there are. */
    int numberOfFrames();

    /** True when the pixel data is compressed (encapsulated); frames are then served as stored. */
    boolean encapsulated();

    /** The stored transfer syntax: what an encapsulated frame is encoded in. */
    String transferSyntaxUid();

    /** Bytes of frame {@code frame} (1-based) as {@link #openFrame} serves them. */
    long frameLength(int frame);

    /** Frame {@code frame} (1-based): native pixels in little endian, or the compressed bitstream as stored. */
    InputStream openFrame(int frame);
}
