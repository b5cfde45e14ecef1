package org.vesalius.dicom.codec;

import java.io.IOException;
import java.util.Optional;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.image.PixelDescription;

/**
 * RLE Lossless (1.2.840.10008.1.2.5, PS3.5 Annex G): a 64-byte header with up to 15 segment
 * offsets, then one PackBits segment per byte of each sample, most significant byte first. The
 * planes are put back together colour-by-pixel, little endian.
 */
final class RleFrameDecoder implements FrameDecoder {

    @Override
    public Optional<String> unsupported(PixelDescription d) {
        int segments = d.samplesPerPixel() * (d.bitsAllocated() / 8);
        if (d.bitsAllocated() % 8 != 0 || segments < 1 || segments > 15) {
            return Optional.of("RLE with " + d.samplesPerPixel() + " samples of " + d.bitsAllocated() + " bits cannot be decoded");
        }
        return Optional.empty();
    }

    @Override
    public PixelDescription decoded(PixelDescription d) {
        return d.decodedAs(d.photometricInterpretation());
    }

    @Override
    public byte[] decode(byte[] frame, PixelDescription d, DecodeLimits limits) throws IOException {
        limits.check(decoded(d)); // before the output is allocated: RLE has no header of its own to check
        if (d.frameLength() > Integer.MAX_VALUE - 8) {
            throw new FrameSizeException("a decoded frame of " + d.frameLength() + " bytes does not fit in one array");
        }
        int bytes = d.bitsAllocated() / 8;
        int spp = d.samplesPerPixel();
        int pixels = d.rows() * d.columns();
        if (frame.length < 64) {
            throw new IOException("RLE frame of " + frame.length + " bytes has no header");
        }
        int segments = LittleEndian.int32(frame, 0);
        if (segments != spp * bytes) {
            throw new IOException("RLE frame has " + segments + " segments, " + spp * bytes + " expected");
        }
        byte[] out = new byte[pixels * spp * bytes];
        for (int seg = 0; seg < segments; seg++) {
            int start = LittleEndian.int32(frame, 4 + 4 * seg);
            int end = seg + 1 < segments ? LittleEndian.int32(frame, 8 + 4 * seg) : frame.length;
            if (start < 64 || end > frame.length || end < start) {
                throw new IOException("RLE segment " + (seg + 1) + " has an invalid offset");
            }
            int sample = seg / bytes;
            int byteInSample = bytes - 1 - seg % bytes; // segments go from the most significant byte
            unpack(frame, start, end, out, sample * bytes + byteInSample, spp * bytes, pixels);
        }
        return out;
    }

    /** PackBits into every {@code stride}-th byte of {@code out} from {@code first} on, {@code count} bytes at most. */
    private static void unpack(byte[] in, int pos, int end, byte[] out, int first, int stride, int count) {
        int written = 0;
        while (pos < end && written < count) {
            int n = in[pos++];
            if (n >= 0) {
                for (int i = 0; i <= n && pos < end && written < count; i++) {
                    out[first + stride * written++] = in[pos++];
                }
            } else if (n != -128) {
                if (pos >= end) {
                    break;
                }
                byte b = in[pos++];
                for (int i = 0; i < 1 - n && written < count; i++) {
                    out[first + stride * written++] = b;
                }
            }
        }
    }
}
