package org.vesalius.vna.archive.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.log.CrashPoint;
import org.vesalius.vna.archive.ingest.log.IngestLog;

/**
 * Indexes freshly stored instances in batches on one background thread, from memory. Ingest hands
 * an instance over only after its {@link IngestLog} record is durable, so the answer to the sender
 * waits for a share of one group-committed log write instead of an index round trip (invariant 1
 * allows "durably queued"), and the index gets one bulk request per batch instead of one per
 * instance, which is most of the index's cost per instance.
 *
 * <p>A batch is written when it holds {@code batchSize} instances, or {@code linger} after its
 * first one arrived but not sooner than {@code minInterval} after the previous batch was started:
 * a lone instance is indexed within {@code linger}, while under load batches grow instead of
 * multiplying (the index's cost is mostly per batch: a refresh and the summaries' aggregations,
 * about half of it at 100 ms batches during a bulk load). After the write its log records are acknowledged; when the index fails, they
 * stay unacknowledged and {@link IndexCatchUp} indexes them later from the blob store (it skips
 * records {@linkplain #isPending pending} here). A full hand-over queue refuses more instances:
 * their records wait for the catch-up, so nothing waits without bound and nothing is lost.
 */
final class IndexWriteBehind implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexWriteBehind.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** An instance handed over, with the position of its durable log record. */
    record Pending(ArchivedInstance instance, long position, String source) {
    }

    private final StudyIndex index;
    private final IndexQueue queue;
    private final IngestLog log;
    private final IndexFeed feed;
    private final Clock clock;
    private final int batchSize;
    private final Duration linger;
    private final long minIntervalNanos;
    private long lastStart;
    private final BlockingQueue<Pending> handedOver;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final Thread worker;
    private volatile boolean closing;

    IndexWriteBehind(StudyIndex index, IndexQueue queue, IngestLog log, IndexFeed feed, Clock clock, int batchSize, Duration linger,
            Duration minInterval) {
        this.index = Objects.requireNonNull(index, "index");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.log = Objects.requireNonNull(log, "log");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
        this.linger = Objects.requireNonNull(linger, "linger");
        this.minIntervalNanos = minInterval.toNanos();
        this.lastStart = System.nanoTime() - minIntervalNanos;
        this.handedOver = new ArrayBlockingQueue<>(Math.max(batchSize * 4, 1024));
        this.worker = Thread.ofPlatform().daemon().name("index-write-behind").start(this::run);
    }

    /** Hands {@code p} over; false when the queue is full or closing (the record then waits for the catch-up). */
    boolean offer(Pending p) {
        if (closing) {
            return false;
        }
        pending.add(p.position());
        if (!handedOver.offer(p)) {
            pending.remove(p.position());
            return false;
        }
        return true;
    }

    /** True while the instance of the record at {@code position} is waiting here to be indexed. */
    boolean isPending(long position) {
        return pending.contains(position);
    }

    /** Instances handed over and not yet written. */
    int backlog() {
        return pending.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (!(closing && handedOver.isEmpty())) {
            try {
                Pending first = handedOver.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = Math.max(System.nanoTime() + linger.toNanos(), lastStart + minIntervalNanos);
                while (batch.size() < batchSize) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || closing) { // a close does not wait for the least interval
                        handedOver.drainTo(batch, batchSize - batch.size());
                        break;
                    }
                    Pending next = handedOver.poll(Math.min(left, POLL_SLICE_NANOS), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handedOver.drainTo(batch, batchSize - batch.size());
                closing = true;
            }
            if (!batch.isEmpty()) {
                lastStart = System.nanoTime();
                write(batch);
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<ArchivedInstance> instances = batch.stream().map(Pending::instance).toList();
        try {
            if (feed.isSuspectedDown()) {
                return; // the records stay for the catch-up
            }
            CrashPoint.reached(CrashPoint.BEFORE_INDEX, batch.size());
            try {
                index.index(instances);
            } catch (IndexWriteException e) {
                for (Pending p : batch) {
                    String reason = e.failures().get(p.instance().ref().sopInstanceUid());
                    if (reason != null) {
                        LOG.error("the index refused {} ({}); it stays archived, unindexed, recorded under {}",
                                LogValue.of(p.instance().ref().sopInstanceUid()), LogValue.of(reason), IndexQueue.REFUSED_PREFIX);
                        queue.refused(p.instance().ref(), p.source(), reason, clock.instant());
                    }
                }
            }
            for (Pending p : batch) {
                log.acknowledge(p.position());
            }
        } catch (RuntimeException e) {
            // The log records stay: the catch-up indexes these instances once the index answers.
            feed.markDown(e);
        } catch (Throwable e) { // an Error too (OutOfMemoryError in the index client, a linkage error)
            // This thread is the only writer: if it died, instances would still be acknowledged and
            // never indexed. Log, back off as for a failing index (the log records stay for
            // the catch-up), and carry on; a JVM that cannot recover exits by -XX:+ExitOnOutOfMemoryError.
            LOG.error("index write-behind: writing {} instance(s) failed; they stay queued for the catch-up",
                    batch.size(), e);
            feed.markDown(e);
        } finally {
            for (Pending p : batch) {
                pending.remove(p.position());
            }
        }
    }

    /** Writes what was handed over (bounded wait), then stops; the log keeps anything left for the catch-up. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            LOG.warn("index write-behind: {} instance(s) left to the ingest log's catch-up at shutdown", backlog());
        }
    }
}
