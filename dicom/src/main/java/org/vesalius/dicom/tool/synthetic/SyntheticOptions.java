package org.vesalius.dicom.tool.synthetic;

/**
 * What {@link SyntheticDataSet} generates.
 *
 * @param instances how many instances in all (at least 1)
 * @param seed      the same seed gives the same files, byte for byte
 * @param matrix    rows and columns of each image (8 to 512)
 */
public record SyntheticOptions(int instances, long seed, int matrix) {

    /** The default size of a data set: enough for the archive's durability and query tests. */
    public static final int DEFAULT_INSTANCES = 2_000;
    /** The default seed. */
    public static final long DEFAULT_SEED = 1;
    /** The default image size: small, so that thousands of instances stay a few tens of MB. */
    public static final int DEFAULT_MATRIX = 64;

    public SyntheticOptions {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, not " + instances);
        }
        if (matrix < 8 || matrix > 512) {
            throw new IllegalArgumentException("matrix must be between 8 and 512, not " + matrix);
        }
    }

    /** {@code instances} instances with the default seed and matrix. */
    public static SyntheticOptions of(int instances) {
        return new SyntheticOptions(instances, DEFAULT_SEED, DEFAULT_MATRIX);
    }

    public SyntheticOptions withSeed(long newSeed) {
        return new SyntheticOptions(instances, newSeed, matrix);
    }
}
