package org.vesalius.testsupport.samples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Decompression and dimension bombs (issue 12, point 1), built byte by byte so that no code under
 * test takes part in making them: tiny Part 10 files whose pixel data claims far more than it
 * holds. Explicit VR Little Endian data sets, a Secondary Capture SOP Class, one frame,
 * encapsulated.
 */
public final class ImageBombs {

    /** RLE Lossless. */
    public static final String RLE = "1.2.840.10008.1.2.5";
    /** JPEG Baseline (process 1). */
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private ImageBombs() {
    }

    /** What a bomb declares and where it is filed. */
    public record Ids(String study, String series, String instance) {
    }

    /**
     * An RLE frame of one segment (one 8-bit sample per pixel) holding four PackBits runs of 128
     * zeros: 72 bytes that a data set may declare 32,767 × 32,767 (a gigabyte decoded).
     */
    public static byte[] rleFrame() {
        ByteBuffer b = ByteBuffer.allocate(64 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(64);
        b.position(64);
        for (int i = 0; i < 4; i++) {
            b.put((byte) -127).put((byte) 0); // 128 zeros
        }
        return b.array();
    }

    /**
     * A real baseline JPEG of 8 × 8 grey pixels whose SOF says {@code width} × {@code height}:
     * what ImageIO allocates before it finds the entropy data short.
     */
    public static byte[] jpegClaiming(int width, int height) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("no ImageIO JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = out.toByteArray();
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) { // SOF0: FFC0 Lf P Y X
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 in the JPEG ImageIO wrote");
    }

    /**
     * A Part 10 file of one 8-bit MONOCHROME2 frame of {@code rows} × {@code columns}, encoded as
     * {@code frame} in {@code transferSyntax} (one fragment, an empty Basic Offset Table).
     */
    public static byte[] part10(Ids ids, String transferSyntax, int rows, int columns, byte[] frame) {
        Writer meta = new Writer();
        meta.element(0x0002, 0x0001, "OB", new byte[] {0, 1});
        meta.string(0x0002, 0x0002, "UI", SECONDARY_CAPTURE);
        meta.string(0x0002, 0x0003, "UI", ids.instance());
        meta.string(0x0002, 0x0010, "UI", transferSyntax);
        meta.string(0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.10.1338");
        byte[] group = meta.bytes();

        Writer ds = new Writer();
        ds.string(0x0008, 0x0016, "UI", SECONDARY_CAPTURE);
        ds.string(0x0008, 0x0018, "UI", ids.instance());
        ds.string(0x0008, 0x0060, "CS", "OT");
        ds.string(0x0010, 0x0010, "PN", "Bomb^Image");
        ds.string(0x0010, 0x0020, "LO", "BOMB");
        ds.string(0x0020, 0x000D, "UI", ids.study());
        ds.string(0x0020, 0x000E, "UI", ids.series());
        ds.us(0x0028, 0x0002, 1);
        ds.string(0x0028, 0x0004, "CS", "MONOCHROME2");
        ds.us(0x0028, 0x0010, rows);
        ds.us(0x0028, 0x0011, columns);
        ds.us(0x0028, 0x0100, 8);
        ds.us(0x0028, 0x0101, 8);
        ds.us(0x0028, 0x0102, 7);
        ds.us(0x0028, 0x0103, 0);
        ds.encapsulated(frame);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        Writer length = new Writer();
        length.element(0x0002, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(group.length).array());
        out.writeBytes(length.bytes());
        out.writeBytes(group);
        out.writeBytes(ds.bytes());
        return out.toByteArray();
    }

    /** Explicit VR Little Endian elements. */
    private static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void string(int group, int element, String vr, String value) {
            byte[] v = value.getBytes(StandardCharsets.US_ASCII);
            if (v.length % 2 != 0) {
                byte[] padded = new byte[v.length + 1];
                System.arraycopy(v, 0, padded, 0, v.length);
                padded[v.length] = (byte) (vr.equals("UI") ? 0 : ' ');
                v = padded;
            }
            element(group, element, vr, v);
        }

        void us(int group, int element, int value) {
            element(group, element, "US", new byte[] {(byte) value, (byte) (value >> 8)});
        }

        void element(int group, int element, String vr, byte[] value) {
            tag(group, element);
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (vr.equals("OB")) {
                out.writeBytes(new byte[2]);
                int32(value.length);
            } else {
                out.write(value.length & 0xFF);
                out.write(value.length >> 8);
            }
            out.writeBytes(value);
        }

        void encapsulated(byte[] frame) {
            tag(0x7FE0, 0x0010);
            out.writeBytes("OB".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(new byte[2]);
            int32(-1);
            tag(0xFFFE, 0xE000); // the Basic Offset Table, empty
            int32(0);
            byte[] even = frame.length % 2 == 0 ? frame : java.util.Arrays.copyOf(frame, frame.length + 1);
            tag(0xFFFE, 0xE000);
            int32(even.length);
            out.writeBytes(even);
            tag(0xFFFE, 0xE0DD);
            int32(0);
        }

        private void tag(int group, int element) {
            out.write(group & 0xFF);
            out.write(group >> 8);
            out.write(element & 0xFF);
            out.write(element >> 8);
        }

        private void int32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
