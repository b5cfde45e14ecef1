package org.vesalius.vna.archive.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.StoredBlob;
import org.vesalius.vna.archive.api.ingest.Indexing;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.log.CrashPoint;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.ingest.log.LogEntry;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * Records a freshly stored instance in the node's {@link IngestLog} (durable, group-committed),
 * then indexes it, or leaves it to {@link IndexCatchUp} when the index is unavailable
 * (docs/architecture.md invariant 4; docs/ingest-durability.md). After a failure it stops trying
 * the index for {@code retryAfter} (each ingest only writes its log record instead of waiting for
 * the index to time out), or until {@link IndexCatchUp} finds the index back. Thread-safe.
 *
 * <p>With {@linkplain #withWriteBehind write-behind}, an instance is indexed from memory in a
 * batch in the background after its log record is durable ({@link Indexing#PENDING}): the
 * sender's answer no longer waits for the index. Without it, each instance is indexed before the
 * answer. Either way the log record is acknowledged once the index holds the instance.
 */
public final class IndexFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexFeed.class);

    private final StudyIndex index;
    private final IndexQueue queue;
    private final IngestLog log;
    private final Clock clock;
    private final Duration retryAfter;
    private volatile Instant downUntil = Instant.MIN;
    private IndexWriteBehind writeBehind;

    /**
     * @param queue where refusals are recorded (and markers of older versions wait)
     * @param log   the node's ingest log, which the feed writes to and acknowledges
     */
    public IndexFeed(StudyIndex index, IndexQueue queue, IngestLog log, Clock clock, Duration retryAfter) {
        this.index = Objects.requireNonNull(index, "index");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** As {@link #withWriteBehind(int, Duration, Duration)}, with no least interval between batches. */
    public IndexFeed withWriteBehind(int batchSize, Duration linger) {
        return withWriteBehind(batchSize, linger, Duration.ZERO);
    }

    /**
     * Indexes in batches of at most {@code batchSize}, written {@code linger} after their first
     * instance at the latest, on a background thread (stopped by {@link #close()}); batches follow
     * each other at most every {@code minInterval} unless they are full.
     *
     * @return this feed
     */
    public synchronized IndexFeed withWriteBehind(int batchSize, Duration linger, Duration minInterval) {
        if (writeBehind != null) {
            throw new IllegalStateException("write-behind is already on");
        }
        writeBehind = new IndexWriteBehind(index, queue, log, this, clock, batchSize, linger, minInterval);
        return this;
    }


    /**
     * Records {@code instance} durably in the ingest log, then indexes it now, hands it to the
     * background writer, or leaves it to the catch-up.
     *
     * @throws StorageUnavailableException the log record is not durable: the ingest must fail
     */
    public Indexing submit(ArchivedInstance instance, String source) {
        CrashPoint.reached(CrashPoint.BEFORE_LOG, 1);
        StoredBlob blob = instance.blob();
        InstanceRef ref = instance.ref();
        LogEntry entry = log.append(new LogEntry(-1, ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(),
                blob.key(), blob.sha256Hex() == null ? "" : blob.sha256Hex(), blob.size(), source, clock.instant()), null);
        IndexWriteBehind behind = writeBehind;
        if (behind != null) {
            if (clock.instant().isAfter(downUntil) && behind.offer(new IndexWriteBehind.Pending(instance, entry.seq(), source))) {
                return Indexing.PENDING;
            }
            return Indexing.QUEUED;
        }
        if (clock.instant().isAfter(downUntil)) {
            try {
                index.index(List.of(instance));
                log.acknowledge(entry.seq());
                return Indexing.INDEXED;
            } catch (IndexWriteException e) {
                String reason = e.failures().getOrDefault(ref.sopInstanceUid(), e.getMessage());
                LOG.error("the index refused {} ({}); it stays archived, unindexed, recorded under {}",
                        LogValue.of(ref.sopInstanceUid()), LogValue.of(reason), IndexQueue.REFUSED_PREFIX);
                queue.refused(ref, source, reason, clock.instant());
                log.acknowledge(entry.seq());
                return Indexing.REFUSED;
            } catch (RuntimeException e) {
                // IndexUnavailableException, or anything else the adapter throws: the instance is
                // safe in the blob store and its record in the log; the catch-up retries it.
                markDown(e);
            }
        }
        return Indexing.QUEUED;
    }

    /** True while the record at {@code position} waits in the background writer (the catch-up leaves it alone). */
    boolean isPending(long position) {
        IndexWriteBehind behind = writeBehind;
        return behind != null && behind.isPending(position);
    }

    /** Instances handed to the background writer and not yet written. */
    int pendingCount() {
        IndexWriteBehind behind = writeBehind;
        return behind == null ? 0 : behind.backlog();
    }

    /** Stops the background writer after it wrote what it holds (bounded); the log keeps the rest for the catch-up. */
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
            LOG.warn("index unavailable ({}); instances wait in the ingest log for the catch-up", cause.toString());
        }
        downUntil = clock.instant().plus(retryAfter);
    }
}
