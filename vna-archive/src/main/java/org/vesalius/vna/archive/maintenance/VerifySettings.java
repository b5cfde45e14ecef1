package org.vesalius.vna.archive.maintenance;

/**
 * How {@link Verifier} runs.
 *
 * @param threads          blobs read at once (1 = sequential)
 * @param batchSize        instances compared with the index per request
 * @param compareIndex     compare the index with the blobs too (false: digests only, no index needed)
 * @param maxDirectoryKeys keys of one directory held at once
 */
public record VerifySettings(int threads, int batchSize, boolean compareIndex, int maxDirectoryKeys) {

    /** 2 threads, batches of 200, index compared, 100,000 keys. */
    public static final VerifySettings DEFAULT = new VerifySettings(2, 200, true, 100_000);

    public VerifySettings {
        if (threads < 1 || batchSize < 1 || maxDirectoryKeys < 1) {
            throw new IllegalArgumentException("threads, batch size and directory keys must be positive");
        }
    }

    /** With index comparison on or off. */
    public VerifySettings withCompareIndex(boolean compare) {
        return new VerifySettings(threads, batchSize, compare, maxDirectoryKeys);
    }

    /** With another thread count. */
    public VerifySettings withThreads(int count) {
        return new VerifySettings(count, batchSize, compareIndex, maxDirectoryKeys);
    }
}
