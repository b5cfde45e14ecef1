package org.vesalius.vna.archive.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * The ingest feature's one factory, and the handle the server's wiring keeps: {@link #ingest()}
 * is the {@link IngestPort} every storing edge calls; the handle also owns the index side of
 * ingest (the node's {@link IngestLog}, the {@link IndexFeed} that logs and indexes each stored
 * instance, the {@link IndexQueue} view health and metrics count, and the catch-up that replays
 * the log), and closes them in order.
 *
 * <p>{@link #create(BlobStore, Journal, IndexFeed, List, IngestSettings, Clock)} builds just the port over
 * an index feed the caller assembled (tests, tools), with a log the caller opened and closes. The index-side types stay public because
 * the server's health and status views and maintenance read the queue; they are wiring, not edge
 * API (the architecture tests keep edges off them). The catch-up itself is internal.
 */
public final class IngestFeature implements AutoCloseable {

    private final IngestPort ingest;
    private final IndexQueue queue;
    private final IndexFeed feed;
    private final IndexCatchUp catchUp;
    private final IngestLog log;

    private IngestFeature(IngestPort ingest, IndexQueue queue, IndexFeed feed, IndexCatchUp catchUp, IngestLog log) {
        this.ingest = ingest;
        this.log = log;
        this.queue = queue;
        this.feed = feed;
        this.catchUp = catchUp;
    }

    /**
     * The whole ingest feature: port, ingest log (opened here), feed and catch-up (not started).
     *
     * @param blobs      where objects are stored (and refusals recorded)
     * @param journal    the server's one metadata journal (applied to what is indexed)
     * @param index      the index stored instances go to
     * @param rules      the coercion rules, applied in order
     * @param settings   header cap, duplicate policy, index retry delay
     * @param writeBehind null to index each instance before the sender's answer, or the batching
     *                   of the background index writer
     * @param logSettings where the node's ingest log is kept (its own disk, never the blob store)
     * @param clock      the time of receipt
     * @throws IllegalStateException another process uses the log's directory
     */
    public static IngestFeature create(BlobStore blobs, Journal journal, StudyIndex index, List<CoercionRule> rules,
            IngestSettings settings, WriteBehind writeBehind, IngestLog.Settings logSettings, Clock clock) {
        IngestLog log = IngestLog.open(logSettings);
        try {
            IndexQueue queue = new IndexQueue(blobs, log);
            IndexFeed feed = new IndexFeed(index, queue, log, clock, settings.indexRetryAfter());
            if (writeBehind != null) {
                feed.withWriteBehind(writeBehind.batchSize(), writeBehind.linger(), writeBehind.minInterval());
            }
            InstanceLoader loader = new InstanceLoader(blobs, new CoercionRecords(blobs), settings.maxHeaderBytes(), settings.headerLimits(), journal);
            IndexCatchUp catchUp = new IndexCatchUp(queue, log, index, loader, feed, clock);
            return new IngestFeature(create(blobs, journal, feed, rules, settings, clock), queue, feed, catchUp, log);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /**
     * Only the ingest port, over an index feed the caller assembled and closes.
     *
     * @param blobs    where objects are stored
     * @param journal  the server's one metadata journal
     * @param feed     indexes or queues each stored instance
     * @param rules    the coercion rules, applied in order
     * @param settings header cap, duplicate policy, index retry delay
     * @param clock    the time of receipt
     * @return a thread-safe ingest port
     */
    public static IngestPort create(BlobStore blobs, Journal journal, IndexFeed feed, List<CoercionRule> rules,
            IngestSettings settings, Clock clock) {
        return new IngestService(blobs, journal, feed, rules, settings, clock);
    }

    /**
     * How the background index writer batches.
     *
     * @param batchSize instances per bulk request (1 to 10,000)
     * @param linger    how long a batch waits for more instances
     * @param minInterval the least time between the starts of two batches that are not full
     */
    public record WriteBehind(int batchSize, Duration linger, Duration minInterval) {
        public WriteBehind {
            Objects.requireNonNull(linger, "linger");
            Objects.requireNonNull(minInterval, "minInterval");
        }

        /** With no least interval between batches. */
        public WriteBehind(int batchSize, Duration linger) {
            this(batchSize, linger, Duration.ZERO);
        }
    }

    /** The port edges call. */
    public IngestPort ingest() {
        return ingest;
    }

    /** The node's ingest log (metrics: depth, flushes). */
    public IngestLog ingestLog() {
        return log;
    }

    /** Runs one catch-up round now, on the caller's thread (tests, tools). */
    public int catchUpOnce() {
        return catchUp.drainOnce();
    }

    /** What waits for the index: the log's unindexed records and older markers (health, status, maintenance). */
    public IndexQueue indexQueue() {
        return queue;
    }

    /** The index feed (for the status view: whether it queues without trying the index). */
    public IndexFeed indexFeed() {
        return feed;
    }

    /** Replays the log's unindexed records (and drains older markers) every {@code interval} from now on. */
    public void startCatchUp(Duration interval) {
        startCatchUp(interval, IndexCatchUp.DEFAULT_BATCH);
    }

    /** As {@link #startCatchUp(Duration)}, in bulk requests of {@code batchSize} instances. */
    public void startCatchUp(Duration interval, int batchSize) {
        catchUp.start(interval, batchSize);
    }

    /** Stops the catch-up, then the feed (which flushes its background writer), then the log. */
    @Override
    public void close() {
        try {
            catchUp.close();
        } finally {
            try {
                feed.close();
            } finally {
                log.close();
            }
        }
    }
}
