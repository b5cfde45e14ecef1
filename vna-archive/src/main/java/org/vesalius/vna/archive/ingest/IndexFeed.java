package org.vesalius.vna.archive.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * Indexes a freshly stored instance, or queues it durably when the index is unavailable
 * (ARCHITECTURE.md invariant 4). After a failure it stops trying the index for {@code retryAfter}
 * (each ingest goes straight to the queue instead of waiting for the index to time out), or until
 * {@link IndexCatchUp} finds the index back. Thread-safe.
 */
public final class IndexFeed {

    private static final Logger LOG = LoggerFactory.getLogger(IndexFeed.class);

    private final StudyIndex index;
    private final IndexQueue queue;
    private final Clock clock;
    private final Duration retryAfter;
    private volatile Instant downUntil = Instant.MIN;

    public IndexFeed(StudyIndex index, IndexQueue queue, Clock clock, Duration retryAfter) {
        this.index = Objects.requireNonNull(index, "index");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** What became of an instance's indexing. */
    public enum Outcome {
        /** In the index now. */
        INDEXED,
        /** In the index queue, for {@link IndexCatchUp}. */
        QUEUED,
        /** The index refused the document for reasons of its own; recorded under {@link IndexQueue#REFUSED_PREFIX}. */
        REFUSED
    }

    /**
     * Indexes {@code instance} now, or queues it.
     *
     * @throws StorageUnavailableException neither indexed nor queued: the ingest must fail
     */
    public Outcome submit(ArchivedInstance instance, String source) {
        if (clock.instant().isAfter(downUntil)) {
            try {
                index.index(List.of(instance));
                return Outcome.INDEXED;
            } catch (IndexWriteException e) {
                String reason = e.failures().getOrDefault(instance.ref().sopInstanceUid(), e.getMessage());
                LOG.error("the index refused {} ({}); it stays archived, unindexed, recorded under {}",
                        instance.ref().sopInstanceUid(), reason, IndexQueue.REFUSED_PREFIX);
                queue.refused(instance.ref(), source, reason, clock.instant());
                return Outcome.REFUSED;
            } catch (RuntimeException e) {
                // IndexUnavailableException, or anything else the adapter throws: the instance is
                // safe in the blob store either way, and the queue retries it.
                markDown(e);
            }
        }
        queue.add(instance.ref(), source, clock.instant());
        return Outcome.QUEUED;
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

    void markDown(RuntimeException cause) {
        if (!isSuspectedDown()) {
            LOG.warn("index unavailable ({}); queueing instances for indexing", cause.toString());
        }
        downUntil = clock.instant().plus(retryAfter);
    }
}
