package org.vesalius.dicom.codec;

import java.util.Optional;
import org.vesalius.dicom.image.PixelDescription;

/** The frame decoders this toolkit has, by transfer syntax. */
public final class FrameDecoders {

    private static final FrameDecoder JPEG = new JpegFrameDecoder();
    private static final FrameDecoder JPEG_2000 = new Jpeg2000FrameDecoder();
    private static final FrameDecoder RLE = new RleFrameDecoder();

    private FrameDecoders() {
    }

    /** The decoder for frames in transfer syntax {@code uid}, if there is one. */
    public static Optional<FrameDecoder> of(String uid) {
        return Optional.ofNullable(switch (uid) {
            case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51" -> JPEG;
            case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" -> JPEG_2000;
            case "1.2.840.10008.1.2.5" -> RLE;
            default -> null;
        });
    }

    /**
     * Why frames in {@code uid} described by {@code d} cannot be decoded within
     * {@link DecodeLimits#DEFAULT}, or empty when they can.
     */
    public static Optional<String> unsupported(String uid, PixelDescription d) {
        return unsupported(uid, d, DecodeLimits.DEFAULT);
    }

    /**
     * Why frames in {@code uid} described by {@code d} cannot be decoded within {@code limits}, or
     * empty when they can (as far as the data set tells: a codestream may still disagree with it,
     * which {@link FrameDecoder#decode(byte[], PixelDescription, DecodeLimits)} finds).
     */
    public static Optional<String> unsupported(String uid, PixelDescription d, DecodeLimits limits) {
        Optional<FrameDecoder> decoder = of(uid);
        if (decoder.isEmpty()) {
            return Optional.of("frames in transfer syntax " + uid + " cannot be decoded: decoders exist for JPEG Baseline,"
                    + " 8-bit JPEG Extended, JPEG 2000 and RLE Lossless");
        }
        Optional<String> why = decoder.get().unsupported(d);
        return why.isPresent() ? why : limits.refusal(decoder.get().decoded(d));
    }
}
