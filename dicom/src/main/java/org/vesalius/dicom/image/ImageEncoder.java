package org.vesalius.dicom.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes rendered images as JPEG (with a quality) or PNG, through the JDK's own ImageIO writers. */
public final class ImageEncoder {

    /** The formats offered. */
    public enum Format {
        JPEG("image/jpeg", "jpeg"), PNG("image/png", "png");

        private final String mediaType;
        private final String imageIoName;

        Format(String mediaType, String imageIoName) {
            this.mediaType = mediaType;
            this.imageIoName = imageIoName;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private ImageEncoder() {
    }

    /**
     * Writes {@code image} to {@code out} (flushed, not closed).
     *
     * @param quality JPEG quality 1–100 (ignored for PNG, which is lossless)
     */
    public static void write(BufferedImage image, Format format, int quality, OutputStream out) throws IOException {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName);
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO writer for " + format.mediaType);
        }
        ImageWriter writer = writers.next();
        // In memory: ImageIO.createImageOutputStream would spool to a temporary file per image
        // (its cache is on by default), a file create, write, read and delete per rendered frame.
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(new NonClosing(out))) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        out.flush();
    }

    /** ImageIO closes what it wraps; the caller's stream stays open. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
