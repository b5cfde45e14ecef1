package org.vesalius.dicom.codec;

import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.vesalius.dicom.image.PixelDescription;

/**
 * JPEG Baseline (1.2.840.10008.1.2.4.50) and 8-bit JPEG Extended (1.2.840.10008.1.2.4.51) through
 * the JDK's ImageIO JPEG reader, read as a raster so that no colour conversion happens behind our
 * back. YBR_FULL and YBR_FULL_422 frames are converted to RGB, as dcmtk's dcmdjpeg does by
 * default; the decoded frames are full resolution, colour-by-pixel. The JDK reader is 8-bit only:
 * 12-bit JPEG Extended (process 4) is refused.
 */
final class JpegFrameDecoder implements FrameDecoder {

    @Override
    public Optional<String> unsupported(PixelDescription d) {
        if (d.bitsAllocated() != 8 || d.bitsStored() > 8) {
            return Optional.of("JPEG with " + d.bitsStored() + " bits stored (12-bit JPEG Extended, process 4) cannot be decoded:"
                    + " the JDK's JPEG reader handles 8-bit JPEG only");
        }
        if (d.samplesPerPixel() != 1 && d.samplesPerPixel() != 3) {
            return Optional.of("JPEG with " + d.samplesPerPixel() + " samples per pixel cannot be decoded");
        }
        return Optional.empty();
    }

    @Override
    public PixelDescription decoded(PixelDescription d) {
        return d.decodedAs(toRgb(d) ? "RGB" : d.photometricInterpretation());
    }

    private static boolean toRgb(PixelDescription d) {
        return d.samplesPerPixel() == 3 && d.photometricInterpretation().startsWith("YBR_FULL");
    }

    @Override
    public Optional<String> codestreamRefusal(byte[] head, PixelDescription stored) {
        try {
            return ImageIoRasters.headerRefusal(jdkJpegReader(), head, stored);
        } catch (IOException e) {
            return Optional.empty(); // no reader: decoding says so
        }
    }

    @Override
    public byte[] decode(byte[] frame, PixelDescription stored, DecodeLimits limits) throws IOException {
        limits.check(decoded(stored));
        Raster raster = ImageIoRasters.read(jdkJpegReader(), frame, stored);
        byte[] out = NativeFrames.of(raster, decoded(stored));
        if (toRgb(stored)) {
            NativeFrames.ybrFullToRgb(out);
        }
        return out;
    }

    /** The JDK's own reader (another JPEG plugin on the class path may not read rasters). */
    private static ImageReader jdkJpegReader() throws IOException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext();) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.imageio.plugins.jpeg.")) {
                return r;
            }
            if (fallback == null && r.canReadRaster()) {
                fallback = r;
            }
        }
        if (fallback == null) {
            throw new IOException("no ImageIO JPEG reader that reads rasters");
        }
        return fallback;
    }
}
