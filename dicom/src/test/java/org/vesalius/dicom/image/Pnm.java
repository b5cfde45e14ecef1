package org.vesalius.dicom.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the binary 8-bit PGM (P5) and PPM (P6) files dcmtk's dcmj2pnm writes; compares images. */
final class Pnm {

    /** Width, height, channels and samples of a grey or RGB image. */
    record Image(int width, int height, int channels, int[] samples) {
    }

    private Pnm() {
    }

    static Image read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int[] pos = {0};
        String magic = token(b, pos);
        int w = Integer.parseInt(token(b, pos));
        int h = Integer.parseInt(token(b, pos));
        int max = Integer.parseInt(token(b, pos));
        if (max > 255) {
            throw new IOException("16-bit PNM not expected");
        }
        pos[0]++; // the single whitespace after maxval
        int channels = magic.equals("P6") ? 3 : 1;
        int[] samples = new int[w * h * channels];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = b[pos[0] + i] & 0xFF;
        }
        return new Image(w, h, channels, samples);
    }

    static Image of(BufferedImage image) {
        boolean gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        int channels = gray ? 1 : 3;
        int[] samples = new int[image.getWidth() * image.getHeight() * channels];
        int i = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (gray) {
                    samples[i++] = image.getRaster().getSample(x, y, 0);
                } else {
                    int rgb = image.getRGB(x, y);
                    samples[i++] = rgb >> 16 & 0xFF;
                    samples[i++] = rgb >> 8 & 0xFF;
                    samples[i++] = rgb & 0xFF;
                }
            }
        }
        return new Image(image.getWidth(), image.getHeight(), channels, samples);
    }

    /** Mean absolute difference per sample. */
    static double meanAbsoluteDifference(Image a, Image b) {
        long sum = 0;
        for (int i = 0; i < a.samples().length; i++) {
            sum += Math.abs(a.samples()[i] - b.samples()[i]);
        }
        return (double) sum / a.samples().length;
    }

    private static String token(byte[] b, int[] pos) {
        while (Character.isWhitespace(b[pos[0]]) || b[pos[0]] == '#') {
            if (b[pos[0]] == '#') {
                while (b[pos[0]] != '\n') {
                    pos[0]++;
                }
            }
            pos[0]++;
        }
        int start = pos[0];
        while (!Character.isWhitespace(b[pos[0]])) {
            pos[0]++;
        }
        return new String(b, start, pos[0] - start, StandardCharsets.US_ASCII);
    }
}
