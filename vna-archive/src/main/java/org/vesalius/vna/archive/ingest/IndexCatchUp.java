package org.vesalius.vna.archive.ingest;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.ingest.log.LogEntry;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * Indexes what the {@link IngestLog} holds unindexed (after an outage of the index, or a restart)
 * once the index answers again, without a manual step (invariant 4). Each round: if the index is
 * available, replay the log's unindexed records (skipping those the background writer holds) in
 * batches, load each instance's current version from the blob store ({@link InstanceLoader}),
 * index the batch, then acknowledge its records. Idempotent: the index is idempotent on SOP
 * Instance UID, so a record acknowledged late (a crash between indexing and acknowledging) only
 * costs a second indexing. A record whose instance is gone is acknowledged; one whose instance
 * cannot be loaded stays and is reported once.
 *
 * <p>Before the log, each round drains the markers an older version left in the blob store's
 * {@link IndexQueue} ({@code index-queue/}) the same way, deleting them; there are none once drained.
 *
 * <p>{@link #drainOnce()} runs one round on the caller's thread (tests, a manual trigger);
 * {@link #start} runs rounds on its own daemon thread at a fixed delay.
 */
final class IndexCatchUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCatchUp.class);
    /** Instances per bulk request unless {@link #start(Duration, int)} says otherwise. */
    static final int DEFAULT_BATCH = 100;

    private final IndexQueue queue;
    private final IngestLog log;
    private final StudyIndex index;
    private final InstanceLoader loader;
    private final IndexFeed feed;
    private final Clock clock;
    private final Set<BlobKey> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<Long> reportedRecords = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.locks.ReentrantLock draining = new java.util.concurrent.locks.ReentrantLock();
    private ScheduledExecutorService executor;
    private volatile int batchSize = DEFAULT_BATCH;

    IndexCatchUp(IndexQueue queue, IngestLog log, StudyIndex index, InstanceLoader loader, IndexFeed feed, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.log = Objects.requireNonNull(log, "log");
        this.index = Objects.requireNonNull(index, "index");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs {@link #drainOnce()} every {@code interval}, starting now. */
    public void start(Duration interval) {
        start(interval, DEFAULT_BATCH);
    }

    /** Runs {@link #drainOnce()} every {@code interval}, starting now, in bulk requests of {@code batchSize} instances. */
    public synchronized void start(Duration interval, int batchSize) {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vna-index-catch-up");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::safeDrain, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One round.
     *
     * @return how many instances were indexed
     */
    public int drainOnce() {
        draining.lock();
        try {
            return drain();
        } finally {
            draining.unlock();
        }
    }

    private int drain() {
        if (!index.isAvailable()) {
            return 0;
        }
        int indexed = 0;
        boolean complete = true;
        try (Stream<BlobKey> keys = queue.keys()) {
            Iterator<BlobKey> it = keys.iterator();
            while (it.hasNext() && !Thread.currentThread().isInterrupted()) { // interrupted: shutting down
                List<BlobKey> markers = new ArrayList<>(batchSize);
                List<ArchivedInstance> batch = new ArrayList<>(batchSize);
                while (it.hasNext() && markers.size() < batchSize) {
                    BlobKey key = it.next();
                    if (collect(key, markers, batch)) {
                        continue;
                    }
                    complete = false;
                }
                if (!batch.isEmpty()) {
                    try {
                        index.index(batch);
                    } catch (IndexWriteException e) {
                        recordRefusals(batch, e); // the others are indexed; retrying these cannot help
                    }
                }
                markers.forEach(queue::remove);
                indexed += batch.size();
            }
            LogRound round = new LogRound();
            log.replay(round::add);
            round.flush();
            indexed += round.indexed;
            complete &= round.complete;
        } catch (StorageUnavailableException | UncheckedIOException e) {
            LOG.warn("index catch-up interrupted by the blob store: {}", e.getMessage());
            return indexed;
        } catch (RuntimeException e) {
            // The index failed again (IndexUnavailableException or the adapter's own): try later.
            feed.markDown(e);
            LOG.warn("index catch-up stopped after {} instance(s): {}", indexed, e.toString());
            return indexed;
        } catch (Error e) {
            // An OutOfMemoryError in the index client, say: the markers stay, the next round retries.
            feed.markDown(e);
            LOG.error("index catch-up stopped after {} instance(s)", indexed, e);
            return indexed;
        }
        if (complete && !Thread.currentThread().isInterrupted()) {
            feed.markUp();
        }
        if (indexed > 0) {
            LOG.info("index catch-up: {} queued instance(s) indexed at {}", indexed, clock.instant());
        }
        return indexed;
    }

    private void recordRefusals(List<ArchivedInstance> batch, IndexWriteException e) {
        for (ArchivedInstance instance : batch) {
            String reason = e.failures().get(instance.ref().sopInstanceUid());
            if (reason != null) {
                LOG.error("index catch-up: the index refused {} ({}); recorded under {}",
                        LogValue.of(instance.ref().sopInstanceUid()), LogValue.of(reason), IndexQueue.REFUSED_PREFIX);
                queue.refused(instance.ref(), instance.sourceAeTitle(), reason, clock.instant());
            }
        }
    }

    /** Loads one marker's instance into the batch; false when the marker must stay. */
    private boolean collect(BlobKey key, List<BlobKey> markers, List<ArchivedInstance> batch) {
        try {
            IndexQueue.Entry entry = queue.read(key);
            Optional<ArchivedInstance> instance = loader.loadCurrent(entry.ref(), sourceId(entry.source()));
            if (instance.isEmpty()) {
                LOG.warn("index queue: {} is no longer stored; marker {} dropped", LogValue.of(entry.ref().sopInstanceUid()),
                        LogValue.of(key));
            } else {
                batch.add(instance.get());
            }
            markers.add(key);
            return true;
        } catch (org.vesalius.vna.archive.storage.BlobNotFoundException gone) {
            return true; // indexed and removed meanwhile (by the background writer)
        } catch (UncheckedIOException | IllegalArgumentException e) {
            if (reported.add(key)) {
                LOG.error("index queue marker {} cannot be processed and stays queued: {}", key, e.getMessage());
            }
            return false;
        }
    }

    /** One pass over the log's unindexed records, in batches. */
    private final class LogRound {
        final int size = batchSize;
        final List<Long> positions = new ArrayList<>(size);
        final List<ArchivedInstance> batch = new ArrayList<>(size);
        int indexed;
        boolean complete = true;

        void add(LogEntry entry) {
            if (Thread.currentThread().isInterrupted() || feed.isPending(entry.seq())) {
                return; // shutting down, or the background writer has it
            }
            try {
                InstanceRef ref = new InstanceRef(entry.study(), entry.series(), entry.sop());
                Optional<ArchivedInstance> instance = loader.loadCurrent(ref, sourceId(entry.source()));
                if (instance.isEmpty()) {
                    LOG.warn("ingest log: {} is no longer stored; its record is dropped", LogValue.of(entry.sop()));
                } else {
                    batch.add(instance.get());
                }
                positions.add(entry.seq());
            } catch (org.vesalius.vna.archive.storage.BlobNotFoundException gone) {
                positions.add(entry.seq()); // deleted meanwhile
            } catch (UncheckedIOException | IllegalArgumentException e) {
                if (reportedRecords.add(entry.seq())) {
                    LOG.error("ingest log record {} ({}) cannot be indexed and stays: {}", entry.seq(),
                            LogValue.of(entry.sop()), e.getMessage());
                }
                complete = false;
            }
            if (positions.size() >= size) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                try {
                    index.index(batch);
                } catch (IndexWriteException e) {
                    recordRefusals(batch, e);
                }
            }
            positions.forEach(log::acknowledge);
            indexed += batch.size();
            positions.clear();
            batch.clear();
        }
    }

    /** "DIMSE:CT1" -> "CT1": markers keep the channel, instances the sender's id. */
    private static String sourceId(String source) {
        int colon = source.indexOf(':');
        return colon < 0 ? "" : source.substring(colon + 1);
    }

    private void safeDrain() {
        try {
            drainOnce();
        } catch (Throwable e) { // a task that throws is never scheduled again, which would stop indexing for good
            LOG.error("index catch-up round failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
