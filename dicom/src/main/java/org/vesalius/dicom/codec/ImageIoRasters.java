package org.vesalius.dicom.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.vesalius.dicom.image.PixelDescription;

/**
 * Reads one image from bytes as a raster with an ImageIO reader, which is disposed of afterwards.
 * The codestream's header (JPEG SOF, JPEG 2000 SIZ) is read first and must declare the data set's
 * columns, rows and samples: a reader allocates what the codestream claims, so a small codestream
 * claiming 20,000 × 20,000 is refused before it is decoded.
 */
final class ImageIoRasters {

    private ImageIoRasters() {
    }

    static Raster read(ImageReader reader, byte[] encoded, PixelDescription stored) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            reader.setInput(in, true, true);
            checkHeader(reader, stored);
            return reader.readRaster(0, null);
        } catch (RuntimeException e) {
            // Plugins throw unchecked exceptions on corrupt input.
            throw new IOException("cannot decode frame: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Why a frame whose codestream begins with {@code head} is refused for its size, or empty when
     * its header agrees with {@code stored} or cannot be read from {@code head} (decoding will
     * tell). Reads the header only; the reader is disposed of afterwards.
     */
    static Optional<String> headerRefusal(ImageReader reader, byte[] head, PixelDescription stored) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(head))) {
            reader.setInput(in, true, true);
            checkHeader(reader, stored);
            return Optional.empty();
        } catch (FrameSizeException e) {
            return Optional.of(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    /** Reads the codestream's header only and compares it with the data set's. */
    private static void checkHeader(ImageReader reader, PixelDescription stored) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width != stored.columns() || height != stored.rows()) {
            throw new FrameSizeException("the codestream declares " + width + " × " + height + " pixels, the data set "
                    + stored.columns() + " × " + stored.rows() + ": not decoded");
        }
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw != null && raw.getNumBands() > stored.samplesPerPixel()) {
            throw new FrameSizeException("the codestream declares " + raw.getNumBands() + " components, the data set "
                    + stored.samplesPerPixel() + " samples per pixel: not decoded");
        }
    }
}
