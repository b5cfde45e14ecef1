package org.vesalius.dicom.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.vesalius.dicom.image.PixelDescription;

/**
 * The frame decoders (JPEG baseline/extended, JPEG 2000, RLE) on an arbitrary frame described by
 * an arbitrary header: a decoded frame of the declared size, an {@link IOException} or a reason
 * it is unsupported, nothing else, and never an allocation the header or codestream merely claims
 * (issue: decompression and dimension bombs). Replayed by {@code ./vna test}, searched by
 * {@code ./vna fuzz} (dicom/README.md, "Fuzzing").
 */
class FrameDecoderFuzzTest {

    private static final String[] SYNTAXES = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.90",
        "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5"};
    private static final String[] PHOTOMETRIC = {"MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "PALETTE COLOR", ""};

    @FuzzTest(maxExecutions = 100_000)
    void frame(FuzzedDataProvider data) {
        FrameDecoder decoder = FrameDecoders.of(data.pickValue(SYNTAXES)).orElseThrow();
        PixelDescription stored;
        try {
            stored = new PixelDescription(data.consumeInt(0, 65535), data.consumeInt(0, 65535), data.consumeInt(1, 4),
                    data.pickValue(new int[] {1, 8, 12, 16, 32}), data.consumeInt(0, 32), data.consumeInt(0, 32), data.consumeBoolean(),
                    data.pickValue(PHOTOMETRIC), data.consumeInt(0, 1), data.consumeInt(1, 4));
        } catch (IllegalArgumentException e) {
            return; // not a description a header can produce
        }
        byte[] frame = data.consumeRemainingAsBytes();
        if (decoder.unsupported(stored).isPresent()) {
            return;
        }
        try {
            decoder.decode(frame, stored);
        } catch (IOException expected) {
            // the typed answer to a corrupt or mismatching bitstream
        }
    }
}
