package org.vesalius.dicom.codec;

import java.io.IOException;

/**
 * A frame is refused for its size before it is decoded: the data set declares a frame larger than
 * the {@link DecodeLimits} allow, or the codestream's own header (JPEG SOF, JPEG 2000 SIZ)
 * declares other dimensions or more components than the data set. Nothing was allocated for it.
 * A decompression or dimension bomb ends here, not in an {@link OutOfMemoryError}.
 */
public final class FrameSizeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** With the reason, which names the sizes involved. */
    public FrameSizeException(String message) {
        super(message);
    }
}
