package org.vesalius.dicom.codec;

import java.awt.image.Raster;
import java.io.IOException;
import org.vesalius.dicom.image.PixelDescription;

/** Native frame bytes from decoded samples. */
final class NativeFrames {

    private NativeFrames() {
    }

    /**
     * The raster's samples as a native frame of {@code d}: colour-by-pixel, little endian, the low
     * {@code d.bitsAllocated()} bits of each sample (two's complement for negative values).
     */
    static byte[] of(Raster raster, PixelDescription d) throws IOException {
        if (raster.getWidth() != d.columns() || raster.getHeight() != d.rows() || raster.getNumBands() != d.samplesPerPixel()) {
            throw new IOException("decoded frame is " + raster.getWidth() + " × " + raster.getHeight() + " × " + raster.getNumBands()
                    + ", the data set says " + d.columns() + " × " + d.rows() + " × " + d.samplesPerPixel());
        }
        int bands = raster.getNumBands();
        int bytes = d.bitsAllocated() / 8;
        if (bytes != 1 && bytes != 2) {
            throw new IOException("decoded frames of " + d.bitsAllocated() + " bits allocated are not supported");
        }
        int width = raster.getWidth();
        byte[] out = new byte[Math.toIntExact((long) width * raster.getHeight() * bands * bytes)];
        // Row by row: the samples of a whole frame as ints would take four times the frame.
        int[] row = new int[width * bands];
        int i = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            for (int v : row) {
                out[i++] = (byte) v;
                if (bytes == 2) {
                    out[i++] = (byte) (v >> 8);
                }
            }
        }
        assert bands == d.samplesPerPixel();
        return out;
    }

    /** Converts 8-bit YBR_FULL samples (colour-by-pixel) to RGB in place, as PS3.3 C.7.6.3.1.2 defines them. */
    static void ybrFullToRgb(byte[] frame) {
        for (int i = 0; i + 2 < frame.length; i += 3) {
            int y = frame[i] & 0xFF;
            int cb = (frame[i + 1] & 0xFF) - 128;
            int cr = (frame[i + 2] & 0xFF) - 128;
            frame[i] = (byte) Math.clamp(Math.round(y + 1.402 * cr), 0, 255);
            frame[i + 1] = (byte) Math.clamp(Math.round(y - 0.344136 * cb - 0.714136 * cr), 0, 255);
            frame[i + 2] = (byte) Math.clamp(Math.round(y + 1.772 * cb), 0, 255);
        }
    }
}
