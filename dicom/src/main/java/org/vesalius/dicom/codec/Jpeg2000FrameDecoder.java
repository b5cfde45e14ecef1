package org.vesalius.dicom.codec;

import java.awt.image.Raster;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import org.vesalius.dicom.image.PixelDescription;

/**
 * JPEG 2000 (1.2.840.10008.1.2.4.90 lossless, .91 lossy) through jai-imageio-jpeg2000, a pure Java
 * decoder, when it is on the class path (an optional dependency of this toolkit). Its reader is
 * made directly, not looked up in the ImageIO registry, which does not see plugins on every class
 * loader. Frames stored as YBR_RCT or YBR_ICT come out RGB: the decoder undoes the component
 * transform (PS3.5 8.2.4).
 */
final class Jpeg2000FrameDecoder implements FrameDecoder {

    private static final String SPI = "com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi";

    /** True when jai-imageio-jpeg2000 can be loaded. */
    static boolean available() {
        try {
            Class.forName(SPI, false, Jpeg2000FrameDecoder.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Optional<String> unsupported(PixelDescription d) {
        if (!available()) {
            return Optional.of("JPEG 2000 decoding needs com.github.jai-imageio:jai-imageio-jpeg2000 on the class path");
        }
        if (d.bitsAllocated() != 8 && d.bitsAllocated() != 16) {
            return Optional.of("JPEG 2000 with " + d.bitsAllocated() + " bits allocated cannot be decoded");
        }
        return Optional.empty();
    }

    @Override
    public PixelDescription decoded(PixelDescription d) {
        String pi = d.photometricInterpretation();
        return d.decodedAs(pi.equals("YBR_RCT") || pi.equals("YBR_ICT") ? "RGB" : pi.equals("YBR_FULL_422") ? "YBR_FULL" : pi);
    }

    @Override
    public Optional<String> codestreamRefusal(byte[] head, PixelDescription stored) {
        try {
            return ImageIoRasters.headerRefusal(reader(), head, stored);
        } catch (IOException e) {
            return Optional.empty(); // no reader: decoding says so
        }
    }

    @Override
    public byte[] decode(byte[] frame, PixelDescription stored, DecodeLimits limits) throws IOException {
        limits.check(decoded(stored));
        Raster raster = ImageIoRasters.read(reader(), frame, stored);
        return NativeFrames.of(raster, decoded(stored));
    }

    private static ImageReader reader() throws IOException {
        try {
            ImageReaderSpi spi = (ImageReaderSpi) Class.forName(SPI, true, Jpeg2000FrameDecoder.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
            return spi.createReaderInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot load the JPEG 2000 decoder: " + e, e);
        }
    }
}
