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

    /**
     * Why a frame whose codestream begins with {@code head} (its first bytes, e.g. 64 KiB: enough
     * for the JPEG SOF or the JPEG 2000 SIZ) would be refused for a header that disagrees with
     * {@code stored}, or empty when it agrees, when the syntax has no such header (RLE), or when
     * {@code head} does not hold it. Lets a sender refuse before anything is sent; reads no more
     * than the header.
     */
    default Optional<String> codestreamRefusal(byte[] head, PixelDescription stored) {
        return Optional.empty();
    }

    /** How the decoded frames are described (a colour space may change, e.g. YBR_FULL_422 to RGB). */
    PixelDescription decoded(PixelDescription stored);

    /**
     * Decodes one frame (the bytes of its fragments, concatenated) within {@link DecodeLimits#DEFAULT}.
     *
     * @throws FrameSizeException the frame is refused for its size (see {@link #decode(byte[], PixelDescription, DecodeLimits)})
     * @throws IOException        the bitstream is corrupt or does not match {@code stored}
     */
    default byte[] decode(byte[] frame, PixelDescription stored) throws IOException {
        return decode(frame, stored, DecodeLimits.DEFAULT);
    }

    /**
     * Decodes one frame (the bytes of its fragments, concatenated). Before anything is allocated,
     * the decoded size {@code stored} declares is checked against {@code limits}, and the
     * codestream's own header (where the syntax has one) against {@code stored}: a frame whose
     * codestream claims other dimensions or more components than the data set is refused, never
     * decoded into what the codestream claims.
     *
     * @throws FrameSizeException the frame is larger than {@code limits} allow, or its codestream
     *                            header disagrees with {@code stored}
     * @throws IOException        the bitstream is corrupt or does not match {@code stored}
     */
    byte[] decode(byte[] frame, PixelDescription stored, DecodeLimits limits) throws IOException;
}
