package org.vesalius.dicom.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Reads one image from bytes as a raster with an ImageIO reader, which is disposed of afterwards. */
final class ImageIoRasters {

    private ImageIoRasters() {
    }

    static Raster read(ImageReader reader, byte[] encoded) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            reader.setInput(in, true, true);
            return reader.readRaster(0, null);
        } catch (RuntimeException e) {
            // Plugins throw unchecked exceptions on corrupt input.
            throw new IOException("cannot decode frame: " + e, e);
        } finally {
            reader.dispose();
        }
    }
}
