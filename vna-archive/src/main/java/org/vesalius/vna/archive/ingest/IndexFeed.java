package org.vesalius.vna.archive.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.ingest.Indexing;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * Indexes a freshly stored instance, or queues it durably when the index is unavailable
 * (docs/architecture.md invariant 4). After a failure it stops trying the index for {@code retryAfter}
 * (each ingest goes straight to the queue instead of waiting for the index to time out), or until
 * {@link IndexCatchUp} finds the index back. Thread-safe.
 *
 * <p>With {@linkplain #withWriteBehind write-behind}, an instance is durably queued first and then
 * indexed in a batch in the background ({@link Indexing#PENDING}): the sender's answer no longer
 * waits for the index. Without it, each instance is indexed before the answer.
 */
public final class IndexFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexFeed.class);

    private final StudyIndex index;
    private final IndexQueue queue;
    private final Clock clock;
    private final Duration retryAfter;
    private volatile Instant downUntil = Instant.MIN;
    private IndexWriteBehind writeBehind;

    public IndexFeed(StudyIndex index, IndexQueue queue, Clock clock, Duration retryAfter) {
        this.index = Objects.requireNonNull(index, "index");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * Indexes in batches of at most {@code batchSize}, written {@code linger} after their first
     * instance at the latest, on a background thread (stopped by {@link #close()}).
     *
     * @return this feed
     */
    public synchronized IndexFeed withWriteBehind(int batchSize, Duration linger) {
        if (writeBehind != null) {
            throw new IllegalStateException("write-behind is already on");
        }
        writeBehind = new IndexWriteBehind(index, queue, this, clock, batchSize, linger);
        return this;
    }


    /**
     * Indexes {@code instance} now, or queues it.
     *
     * @throws StorageUnavailableException neither indexed nor queued: the ingest must fail
     */
    public Indexing submit(ArchivedInstance instance, String source) {
        IndexWriteBehind behind = writeBehind;
        if (behind != null) {
            BlobKey marker = queue.add(instance.ref(), source, clock.instant());
            if (clock.instant().isAfter(downUntil) && behind.offer(new IndexWriteBehind.Pending(instance, marker, source))) {
                return Indexing.PENDING;
            }
            return Indexing.QUEUED;
        }
        if (clock.instant().isAfter(downUntil)) {
            try {
                index.index(List.of(instance));
                return Indexing.INDEXED;
            } catch (IndexWriteException e) {
                String reason = e.failures().getOrDefault(instance.ref().sopInstanceUid(), e.getMessage());
                LOG.error("the index refused {} ({}); it stays archived, unindexed, recorded under {}",
                        instance.ref().sopInstanceUid(), reason, IndexQueue.REFUSED_PREFIX);
                queue.refused(instance.ref(), source, reason, clock.instant());
                return Indexing.REFUSED;
            } catch (RuntimeException e) {
                // IndexUnavailableException, or anything else the adapter throws: the instance is
                // safe in the blob store either way, and the queue retries it.
                markDown(e);
            }
        }
        queue.add(instance.ref(), source, clock.instant());
        return Indexing.QUEUED;
    }

    /** True while the instance of {@code marker} waits in the background writer (the catch-up leaves it alone). */
    boolean isPending(BlobKey marker) {
        IndexWriteBehind behind = writeBehind;
        return behind != null && behind.isPending(marker);
    }

    /** Stops the background writer after it wrote what it holds (bounded); markers of the rest stay queued. */
    @Override
    public void close() {
        IndexWriteBehind behind = writeBehind;
        if (behind != null) {
            behind.close();
        }
    }

    /** The index is back: try it again for the next ingest. */
    public void markUp() {
        if (downUntil != Instant.MIN) {
            LOG.info("index available again; ingest indexes directly");
        }
        downUntil = Instant.MIN;
    }

    /** True while ingest skips the index and queues. */
    public boolean isSuspectedDown() {
        return !clock.instant().isAfter(downUntil);
    }

    void markDown(Throwable cause) {
        if (!isSuspectedDown()) {
            LOG.warn("index unavailable ({}); queueing instances for indexing", cause.toString());
        }
        downUntil = clock.instant().plus(retryAfter);
    }
}
