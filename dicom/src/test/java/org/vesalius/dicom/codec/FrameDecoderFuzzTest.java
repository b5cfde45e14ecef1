package org.vesalius.dicom.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.vesalius.dicom.image.PixelDescription;

/**
 * The frame decoders (JPEG baseline/extended, JPEG 2000, RLE) on an arbitrary frame described by
 * an arbitrary header: a decoded frame of the declared size, an {@link IOException} or a reason
 * it is unsupported, nothing else, and never an allocation the header or codestream merely claims
 * (issue: decompression and dimension bombs). Replayed by {@code ./vna test}, searched by
 * {@code ./vna fuzz} (dicom/README.md, "Fuzzing"). The dictionary holds JPEG markers (SOI, SOF0/1,
 * DHT, SOS, EOI), the JPEG 2000 SOC+SIZ start and an RLE header's first segment offset.
 */
class FrameDecoderFuzzTest {

    private static final String[] SYNTAXES = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.90",
        "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5"};
    private static final String[] PHOTOMETRIC = {"MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "PALETTE COLOR", ""};

    @FuzzTest(maxExecutions = 100_000)
    @DictionaryEntries({"\u00ff\u00d8\u00ff", "\u00ff\u00c0", "\u00ff\u00c1", "\u00ff\u00c4", "\u00ff\u00da", "\u00ff\u00d9",
        "\u00ff\u004f\u00ff\u0051", "\u0000\u0000\u0000\u0040"})
    void frame(FuzzedDataProvider data) {
        FrameDecoder decoder = FrameDecoders.of(data.pickValue(SYNTAXES)).orElseThrow();
        PixelDescription stored;
        try {
            // Mostly small images, so that decoding itself is reached; sometimes any size a header can claim.
            boolean anySize = data.consumeInt(0, 9) == 0;
            stored = new PixelDescription(data.consumeInt(0, anySize ? 65535 : 64), data.consumeInt(0, anySize ? 65535 : 64),
                    data.consumeInt(1, 4),
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

    /** A 16 x 16 MONOCHROME2 frame of 16 bits: the whole input is the RLE frame (seed: a valid one). */
    @FuzzTest(maxExecutions = 100_000)
    void rleFrame(byte[] frame) {
        decode("1.2.840.10008.1.2.5", frame, new PixelDescription(16, 16, 1, 16, 16, 15, false, "MONOCHROME2", 0, 1));
    }

    /** A 16 x 16 frame, grey or YBR: the whole input is the JPEG codestream (seeds: valid ones). */
    @FuzzTest(maxExecutions = 100_000)
    void jpegFrame(byte[] frame) {
        decode("1.2.840.10008.1.2.4.50", frame, new PixelDescription(16, 16, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1));
        decode("1.2.840.10008.1.2.4.50", frame, new PixelDescription(16, 16, 3, 8, 8, 7, false, "YBR_FULL_422", 0, 1));
    }

    private static void decode(String syntax, byte[] frame, PixelDescription stored) {
        FrameDecoder decoder = FrameDecoders.of(syntax).orElseThrow();
        try {
            decoder.decode(frame, stored);
        } catch (IOException expected) {
            // the typed answer to a corrupt or mismatching bitstream
        }
    }
}
