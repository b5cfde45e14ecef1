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
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * Drains the {@link IndexQueue} into the index once it answers again, without a manual step
 * (invariant 4). Each round: if the index is available, read markers in batches, load each
 * instance's current version from the blob store ({@link InstanceLoader}), index the batch, then
 * delete its markers. Idempotent: the index is idempotent on SOP Instance UID, so a marker deleted
 * late (a crash between indexing and deleting) only costs a second indexing. A marker whose
 * instance is gone is dropped; one that cannot be read or loaded stays and is reported once.
 *
 * <p>{@link #drainOnce()} runs one round on the caller's thread (tests, a manual trigger);
 * {@link #start} runs rounds on its own daemon thread at a fixed delay.
 */
final class IndexCatchUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCatchUp.class);
    private static final int BATCH = 100;

    private final IndexQueue queue;
    private final StudyIndex index;
    private final InstanceLoader loader;
    private final IndexFeed feed;
    private final Clock clock;
    private final Set<BlobKey> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.locks.ReentrantLock draining = new java.util.concurrent.locks.ReentrantLock();
    private ScheduledExecutorService executor;

    public IndexCatchUp(IndexQueue queue, StudyIndex index, InstanceLoader loader, IndexFeed feed, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.index = Objects.requireNonNull(index, "index");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs {@link #drainOnce()} every {@code interval}, starting now. */
    public synchronized void start(Duration interval) {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
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
                List<BlobKey> markers = new ArrayList<>(BATCH);
                List<ArchivedInstance> batch = new ArrayList<>(BATCH);
                while (it.hasNext() && markers.size() < BATCH) {
                    BlobKey key = it.next();
                    if (feed.isPending(key)) {
                        continue; // the background writer has it
                    }
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
