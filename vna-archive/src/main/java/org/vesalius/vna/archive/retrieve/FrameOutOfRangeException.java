package org.vesalius.vna.archive.retrieve;

import org.vesalius.vna.archive.api.failure.InvalidRequestException;

/** A frame number below 1 or above the instance's Number of Frames: an invalid {@code frames} parameter (WADO-RS 400). */
public final class FrameOutOfRangeException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public FrameOutOfRangeException(String message) {
        super("frames", message);
    }
}
