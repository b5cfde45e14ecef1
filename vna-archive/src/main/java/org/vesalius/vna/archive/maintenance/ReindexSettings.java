package org.vesalius.vna.archive.maintenance;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Reindexer} runs.
 *
 * @param batchSize        instances per bulk request (and per parallel header read)
 * @param threads          headers read at once (storage round trips overlap; 1 = sequential)
 * @param takeOver         discard the index of a build marked as running (an interrupted reindex)
 *                         instead of refusing to start
 * @param keepPrevious     keep the index that was live before the switch (to compare or move
 *                         the alias back); it is deleted otherwise
 * @param clockSkew        how far the clocks of archive nodes, S3 and Elasticsearch may disagree:
 *                         instances received up to this long before the build started are copied
 *                         over from the live index again (idempotent, so a generous value only
 *                         costs a few writes)
 * @param clearQueue       delete index queue markers the rebuilt index satisfies (false when the
 *                         blob store is open read-only beside a running server, whose catch-up
 *                         drains them anyway)
 * @param maxDirectoryKeys keys of one directory held at once; larger series are handled instance
 *                         by instance
 */
public record ReindexSettings(int batchSize, int threads, boolean takeOver, boolean keepPrevious, Duration clockSkew,
        boolean clearQueue, int maxDirectoryKeys) {

    /** 500 per batch, 4 threads, no take-over, previous index deleted, 5 min skew, queue cleared, 100,000 keys. */
    public static final ReindexSettings DEFAULT = new ReindexSettings(500, 4, false, false, Duration.ofMinutes(5), true,
            100_000);

    public ReindexSettings {
        if (batchSize < 1 || threads < 1 || maxDirectoryKeys < 1) {
            throw new IllegalArgumentException("batch size, threads and directory keys must be positive");
        }
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative");
        }
    }

    /** With another batch size and thread count. */
    public ReindexSettings withBatch(int size, int threadCount) {
        return new ReindexSettings(size, threadCount, takeOver, keepPrevious, clockSkew, clearQueue, maxDirectoryKeys);
    }

    /** With take-over and keep-previous set. */
    public ReindexSettings withIndexHandling(boolean takeOverBuild, boolean keepPreviousIndex) {
        return new ReindexSettings(batchSize, threads, takeOverBuild, keepPreviousIndex, clockSkew, clearQueue, maxDirectoryKeys);
    }

    /** With queue clearing set. */
    public ReindexSettings withClearQueue(boolean clear) {
        return new ReindexSettings(batchSize, threads, takeOver, keepPrevious, clockSkew, clear, maxDirectoryKeys);
    }

    /** With another directory limit. */
    public ReindexSettings withMaxDirectoryKeys(int max) {
        return new ReindexSettings(batchSize, threads, takeOver, keepPrevious, clockSkew, clearQueue, max);
    }
}
