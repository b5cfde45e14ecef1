package org.vesalius.dicom.codec;

import java.util.Optional;
import org.vesalius.dicom.image.PixelDescription;

/**
 * How large a decoded frame may be: checked against the data set's declared dimensions (Rows ×
 * Columns × Samples per Pixel × Bits Allocated) before a decoder allocates anything, so a few
 * hundred bytes that claim a gigapixel frame are refused instead of exhausting the heap. Frames
 * are decoded one at a time, so the limit is per frame: a multi-frame object of any total size
 * passes as long as each of its frames does.
 *
 * <p>The toolkit's default, {@link #DEFAULT}, is {@value #DEFAULT_MAX_FRAME_BYTES} bytes (256 MiB) per
 * decoded frame: about five times the largest frames in clinical use (a 4,000 × 5,000 16-bit
 * mammogram is 40 MB, a 4,000 × 4,000 RGB fundus photograph 48 MB), while the transient memory of
 * one decode stays a small multiple of it.
 *
 * @param maxFrameBytes the most bytes one decoded frame may have
 */
public record DecodeLimits(long maxFrameBytes) {

    /** 256 MiB per decoded frame. */
    public static final long DEFAULT_MAX_FRAME_BYTES = 256L << 20;

    /** The toolkit's default: {@value #DEFAULT_MAX_FRAME_BYTES} bytes per decoded frame. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(DEFAULT_MAX_FRAME_BYTES);

    public DecodeLimits {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, not " + maxFrameBytes);
        }
    }

    /** Why frames that decode to {@code decoded} are refused, or empty when they are within the limits. */
    public Optional<String> refusal(PixelDescription decoded) {
        long bytes = decoded.frameLength();
        if (bytes > maxFrameBytes) {
            return Optional.of("a decoded frame of " + decoded.columns() + " × " + decoded.rows() + " × " + decoded.samplesPerPixel()
                    + " samples of " + decoded.bitsAllocated() + " bits is " + bytes + " bytes, more than the " + maxFrameBytes
                    + " bytes allowed");
        }
        return Optional.empty();
    }

    /**
     * Checks {@code decoded} against the limits.
     *
     * @throws FrameSizeException its frames are larger than allowed
     */
    public void check(PixelDescription decoded) throws FrameSizeException {
        Optional<String> why = refusal(decoded);
        if (why.isPresent()) {
            throw new FrameSizeException(why.get());
        }
    }
}
