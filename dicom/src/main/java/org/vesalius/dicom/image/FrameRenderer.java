package org.vesalius.dicom.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;

/**
 * Renders one native frame for display (PS3.3 C.11 grayscale and colour pipelines, in short):
 *
 * <ul>
 *   <li>monochrome: stored value → Rescale Slope/Intercept → VOI (the window asked for, else the
 *       object's window for that frame, else its VOI LUT, else the frame's value range) → 8 bits,
 *       inverted for MONOCHROME1; an 8-bit grey image;</li>
 *   <li>PALETTE COLOR through its red, green and blue tables; RGB as stored (scaled to 8 bits);
 *       YBR_FULL, YBR_FULL_422 and YBR_PARTIAL_422 converted to RGB; an RGB image.</li>
 * </ul>
 * Signed pixels, Bits Stored below Bits Allocated, High Bit and colour-by-plane are handled by
 * {@link FrameSamples}. The result is scaled to the viewport when one is given.
 */
public final class FrameRenderer {

    private FrameRenderer() {
    }

    /**
     * Renders frame {@code frame} (1-based, for per-frame windows and rescales).
     *
     * @param d           the pixel description the frame's bytes follow
     * @param header      the data set's attributes (windows, rescale, LUTs)
     * @param nativeFrame the frame, native and little endian
     * @throws IllegalArgumentException the frame cannot be rendered (unknown photometric interpretation, too short)
     */
    public static BufferedImage render(PixelDescription d, Dataset header, int frame, byte[] nativeFrame, RenderOptions options) {
        FrameSamples samples = FrameSamples.of(d, nativeFrame);
        String pi = d.photometricInterpretation();
        BufferedImage image;
        if (d.samplesPerPixel() == 1 && (d.monochrome() || pi.isEmpty())) {
            image = gray(samples, grayTable(d, header, frame, samples, options.window()), pi.equals("MONOCHROME1"));
        } else if (d.samplesPerPixel() == 1 && pi.equals("PALETTE COLOR")) {
            image = palette(samples, header, d.signed());
        } else if (d.samplesPerPixel() == 3) {
            image = color(samples, pi, d.bitsStored());
        } else {
            throw new IllegalArgumentException("cannot render Photometric Interpretation " + pi + " with " + d.samplesPerPixel()
                    + " samples per pixel");
        }
        return options.viewport() == null ? image : Scaling.fit(image, options.viewport());
    }

    /** The 8-bit output for every stored value, as a function. */
    private interface GrayTable {
        int gray(int stored);
    }

    private static GrayTable grayTable(PixelDescription d, Dataset header, int frame, FrameSamples samples, Window asked) {
        Rescale rescale = Rescale.of(header, frame);
        Optional<Window> window = asked != null ? Optional.of(asked) : Window.of(header, frame);
        GrayTable direct;
        if (window.isPresent()) {
            Window w = window.get();
            direct = v -> (int) Math.round(w.apply(rescale.apply(v), 255));
        } else {
            LookupTable voiLut = voiLut(header, d.signed());
            if (voiLut != null) {
                // The VOI LUT takes modality values (PS3.3 C.11.2.1.1).
                direct = v -> voiLut.lookup8((int) Math.round(rescale.apply(v)));
            } else {
                Window range = valueRange(samples, rescale);
                direct = range == null ? v -> 128 : v -> (int) Math.round(range.apply(rescale.apply(v), 255));
            }
        }
        if (d.bitsStored() > 16) {
            return direct;
        }
        // Tabulate over every storable value: a frame has far more pixels than a 16-bit range has values.
        int min = d.signed() ? -(1 << (d.bitsStored() - 1)) : 0;
        int[] table = new int[1 << d.bitsStored()];
        for (int i = 0; i < table.length; i++) {
            table[i] = Math.clamp(direct.gray(min + i), 0, 255);
        }
        return v -> table[v - min];
    }

    private static LookupTable voiLut(Dataset header, boolean signed) {
        Sequence s = header.getSequence(Tags.VOILUTSequence);
        return s == null || s.isEmpty() ? null : LookupTable.of(s.get(0), Tags.LUTDescriptor, Tags.LUTData, signed);
    }

    /** A window over the frame's modality values, min to max; null when they are all equal. */
    private static Window valueRange(FrameSamples samples, Rescale rescale) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : samples.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double a = rescale.apply(min);
        double b = rescale.apply(max);
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        return high > low ? new Window((low + high) / 2, high - low, VoiFunction.LINEAR_EXACT) : null;
    }

    private static BufferedImage gray(FrameSamples s, GrayTable table, boolean invert) {
        BufferedImage image = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int[] values = s.values();
        for (int i = 0; i < out.length; i++) {
            int g = Math.clamp(table.gray(values[i]), 0, 255);
            out[i] = (byte) (invert ? 255 - g : g);
        }
        return image;
    }

    private static BufferedImage palette(FrameSamples s, Dataset header, boolean signed) {
        LookupTable r = LookupTable.of(header, Tags.RedPaletteColorLookupTableDescriptor, Tags.RedPaletteColorLookupTableData, signed);
        LookupTable g = LookupTable.of(header, Tags.GreenPaletteColorLookupTableDescriptor, Tags.GreenPaletteColorLookupTableData, signed);
        LookupTable b = LookupTable.of(header, Tags.BluePaletteColorLookupTableDescriptor, Tags.BluePaletteColorLookupTableData, signed);
        if (r == null || g == null || b == null) {
            throw new IllegalArgumentException("PALETTE COLOR without usable red, green and blue lookup tables"
                    + " (segmented palettes are not supported)");
        }
        BufferedImage image = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int[] values = s.values();
        for (int i = 0; i < out.length; i++) {
            int v = values[i];
            out[i] = r.lookup8(v) << 16 | g.lookup8(v) << 8 | b.lookup8(v);
        }
        return image;
    }

    private static BufferedImage color(FrameSamples s, String pi, int bitsStored) {
        BufferedImage image = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int[] v = s.values();
        int shift = Math.max(0, bitsStored - 8);
        boolean full = pi.equals("YBR_FULL") || pi.equals("YBR_FULL_422");
        boolean partial = pi.startsWith("YBR_PARTIAL");
        for (int i = 0; i < out.length; i++) {
            int a = v[3 * i] >> shift;
            int b = v[3 * i + 1] >> shift;
            int c = v[3 * i + 2] >> shift;
            int r;
            int g;
            int bl;
            if (full) {
                // PS3.3 C.7.6.3.1.2, the inverse of the YBR_FULL equations.
                r = (int) Math.round(a + 1.402 * (c - 128));
                g = (int) Math.round(a - 0.344136 * (b - 128) - 0.714136 * (c - 128));
                bl = (int) Math.round(a + 1.772 * (b - 128));
            } else if (partial) {
                double y = 1.164384 * (a - 16);
                r = (int) Math.round(y + 1.596027 * (c - 128));
                g = (int) Math.round(y - 0.391762 * (b - 128) - 0.812968 * (c - 128));
                bl = (int) Math.round(y + 2.017232 * (b - 128));
            } else {
                r = a;
                g = b;
                bl = c;
            }
            out[i] = Math.clamp(r, 0, 255) << 16 | Math.clamp(g, 0, 255) << 8 | Math.clamp(bl, 0, 255);
        }
        return image;
    }
}
