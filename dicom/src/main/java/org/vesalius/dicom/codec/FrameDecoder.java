package org.vesalius.dicom.codec;

import java.io.IOException;
import java.util.Optional;
import org.vesalius.dicom.image.PixelDescription;

/**
 * Decodes the compressed frames of one transfer syntax into native frames: little endian,
 * colour-by-pixel, {@link PixelDescription#frameLength()} bytes of {@link #decoded} each. One
 * frame at a time; implementations are stateless and thread-safe.
 */
public interface FrameDecoder {

    /** Why frames described by {@code stored} cannot be decoded, or empty when they can. */
    Optional<String> unsupported(PixelDescription stored);

    /** How the decoded frames are described (a colour space may change, e.g. YBR_FULL_422 to RGB). */
    PixelDescription decoded(PixelDescription stored);

    /**
     * Decodes one frame (the bytes of its fragments, concatenated).
     *
     * @throws IOException the bitstream is corrupt or does not match {@code stored}
     */
    byte[] decode(byte[] frame, PixelDescription stored) throws IOException;
}
