package org.vesalius.dicom.tool.synthetic;

/**
 * The pixels of a generated image: 16 bits allocated, 12 stored, MONOCHROME2. A textured
 * ellipse (the "body") on a dark background holds a disc that is the cross-section of a ball at
 * the instance's position in its series, so paging through a series shows the ball grow and
 * shrink. The instance number is drawn in binary as bright blocks along the top edge (least
 * significant bit left), so every image can be told from its neighbours at a glance.
 */
final class TestPattern {

    /** Stored pixel values of the three regions, chosen per modality to suit its window. */
    record Levels(int background, int body, int ball) {
    }

    private static final int MAX = 4095;
    private static final int MARKER_BITS = 10;

    private TestPattern() {
    }

    /**
     * Little endian 16-bit pixels of a {@code matrix} x {@code matrix} image for the instance at
     * {@code position} (0-based) of a series of {@code count}.
     */
    static byte[] pixels(int matrix, int position, int count, int instanceNumber, Levels levels) {
        byte[] out = new byte[matrix * matrix * 2];
        double centre = (matrix - 1) / 2.0;
        double bodyX = matrix * 0.42;
        double bodyY = matrix * 0.34;
        double t = (position + 0.5) / count;          // 0..1 through the series
        double ball = matrix * 0.22 * Math.sqrt(Math.max(0, 1 - (2 * t - 1) * (2 * t - 1)));
        double ballX = centre + matrix * 0.08;
        int block = Math.max(1, matrix / 16);
        for (int y = 0; y < matrix; y++) {
            for (int x = 0; x < matrix; x++) {
                int v = levels.background();
                double ex = (x - centre) / bodyX;
                double ey = (y - centre - matrix * 0.06) / bodyY;
                if (ex * ex + ey * ey <= 1) {
                    v = levels.body() + ((x ^ y) & 15) * 2;
                    double dx = x - ballX;
                    double dy = y - centre;
                    if (dx * dx + dy * dy <= ball * ball) {
                        v = levels.ball();
                    }
                }
                if (y >= block && y < 2 * block && x >= block) {
                    int bit = (x - block) / (block + 1);
                    boolean inBlock = (x - block) % (block + 1) < block;
                    if (bit < MARKER_BITS && inBlock && (instanceNumber >> bit & 1) == 1) {
                        v = MAX;
                    }
                }
                int at = (y * matrix + x) * 2;
                out[at] = (byte) v;
                out[at + 1] = (byte) (v >> 8);
            }
        }
        return out;
    }
}
