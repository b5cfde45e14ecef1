package org.vesalius.dicom.image;

/**
 * The samples of one native frame as numbers: colour-by-pixel, one value per sample and pixel,
 * the stored bits only (Bits Stored at High Bit), sign-extended when Pixel Representation says
 * so. 4:2:2 chrominance is repeated for both pixels of a pair.
 *
 * @param width   columns
 * @param height  rows
 * @param samples samples per pixel
 * @param values  {@code width × height × samples} values, row by row, colour-by-pixel
 */
public record FrameSamples(int width, int height, int samples, int[] values) {

    /**
     * Reads a native frame.
     *
     * @param d     how the frame is laid out
     * @param frame the frame's bytes, little endian (as a native transfer syntax keeps them after
     *              byte swapping), at least {@link PixelDescription#frameLength()} long
     * @throws IllegalArgumentException the frame is shorter than the description says
     */
    public static FrameSamples of(PixelDescription d, byte[] frame) {
        if (frame.length < d.frameLength()) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes, " + d.frameLength() + " expected");
        }
        int pixels = d.rows() * d.columns();
        int n = (int) d.samplesPerFrame();
        int[] raw = new int[n];
        int shift = d.highBit() + 1 - d.bitsStored();
        long mask = (1L << d.bitsStored()) - 1;
        int signBit = 1 << (d.bitsStored() - 1);
        for (int i = 0; i < n; i++) {
            long word = word(frame, i, d.bitsAllocated());
            int v = (int) ((word >>> shift) & mask);
            if (d.signed() && d.bitsStored() < 32 && (v & signBit) != 0) {
                v -= 1 << d.bitsStored();
            }
            raw[i] = v;
        }
        int spp = d.samplesPerPixel();
        if (spp == 1) {
            return new FrameSamples(d.columns(), d.rows(), 1, raw);
        }
        int[] out = new int[pixels * spp];
        if (d.subsampled422()) {
            // Y1 Y2 Cb Cr for each pair of pixels along a row (PS3.3 C.7.6.3.1.2).
            for (int p = 0; p < pixels; p++) {
                int pair = p / 2;
                out[p * 3] = raw[pair * 4 + (p & 1)];
                out[p * 3 + 1] = raw[pair * 4 + 2];
                out[p * 3 + 2] = raw[pair * 4 + 3];
            }
        } else if (d.planarConfiguration() == 1) {
            for (int p = 0; p < pixels; p++) {
                for (int s = 0; s < spp; s++) {
                    out[p * spp + s] = raw[s * pixels + p];
                }
            }
        } else {
            System.arraycopy(raw, 0, out, 0, Math.min(raw.length, out.length));
        }
        return new FrameSamples(d.columns(), d.rows(), spp, out);
    }

    private static long word(byte[] b, int index, int bits) {
        return switch (bits) {
            case 8 -> b[index] & 0xFF;
            case 16 -> (b[2 * index] & 0xFF) | (b[2 * index + 1] & 0xFF) << 8;
            case 32 -> (b[4 * index] & 0xFFL) | (b[4 * index + 1] & 0xFFL) << 8 | (b[4 * index + 2] & 0xFFL) << 16
                    | (b[4 * index + 3] & 0xFFL) << 24;
            case 1 -> (b[index >>> 3] >>> (index & 7)) & 1;
            default -> throw new IllegalArgumentException("Bits Allocated " + bits + " is not supported");
        };
    }

    /** The value of sample {@code s} of the pixel at ({@code x}, {@code y}). */
    public int get(int x, int y, int s) {
        return values[(y * width + x) * samples + s];
    }
}
