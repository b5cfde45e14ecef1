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

    /** Why frames in {@code uid} described by {@code d} cannot be decoded, or empty when they can. */
    public static Optional<String> unsupported(String uid, PixelDescription d) {
        Optional<FrameDecoder> decoder = of(uid);
        if (decoder.isEmpty()) {
            return Optional.of("frames in transfer syntax " + uid + " cannot be decoded: decoders exist for JPEG Baseline,"
                    + " 8-bit JPEG Extended, JPEG 2000 and RLE Lossless");
        }
        return decoder.get().unsupported(d);
    }
}
