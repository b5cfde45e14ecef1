package org.vesalius.vna.archive.retrieve;

/** A frame number below 1 or above the instance's Number of Frames (WADO-RS 400). */
public final class FrameOutOfRangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FrameOutOfRangeException(String message) {
        super(message);
    }
}
