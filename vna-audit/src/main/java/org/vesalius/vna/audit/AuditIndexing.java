package org.vesalius.vna.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.audit.AuditIndex;
import org.vesalius.vna.archive.api.audit.AuditRecord;

/**
 * The thread that copies the queue into the {@link AuditIndex}, in order, in batches, with a
 * position of its own ({@code indexed}) beside the collector's: the queue stays the truth until a
 * record is in both places. A store that is down leaves the position where it is; the thread waits
 * the retry interval and tries the same batch again (records carry their queue position as id,
 * so a batch stored twice is stored once). Once a day it removes what is older than the
 * retention period from the index (the queue on the node keeps everything).
 */
final class AuditIndexing implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AuditIndexing.class);
    static final String POSITION = "indexed";
    private static final int BATCH = 200;
    private static final Duration RETENTION_EVERY = Duration.ofDays(1);

    private final AuditQueue queue;
    private final AuditIndex index;
    private final String sourceId;
    private final long retryNanos;
    private final Duration retention;
    private final Clock clock;
    private final AuditRecords records = new AuditRecords();
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running = true;
    private Instant nextRetention = Instant.MIN;

    AuditIndexing(AuditQueue queue, AuditIndex index, AuditSettings settings, Clock clock) {
        this.queue = queue;
        this.index = index;
        // Ids are FHIR ids too (AuditEvent/<id>): letters, digits, '-' and '.', at most 64.
        String node = settings.sourceId().replaceAll("[^A-Za-z0-9.-]", ".");
        this.sourceId = node.substring(0, Math.min(node.length(), 32));
        this.retryNanos = settings.retryInterval().toNanos();
        this.retention = settings.indexRetention();
        this.clock = clock;
    }

    void wakeUp() {
        wakeUp.release();
    }

    void stop() {
        running = false;
        wakeUp.release();
    }

    @Override
    public void run() {
        try {
            AuditQueue.Position position = queue.position(POSITION);
            boolean failing = false;
            while (running) {
                List<AuditRecord> batch = new ArrayList<>();
                AuditQueue.Position next = position;
                Optional<AuditQueue.Entry> entry;
                while (batch.size() < BATCH && (entry = queue.read(next)).isPresent()) {
                    String id = sourceId + "-" + next.segment() + "-" + next.offset();
                    try {
                        batch.add(records.record(id, entry.get().message()));
                    } catch (RuntimeException e) {
                        log.error("audit record {} does not parse and is not indexed (it stays in the queue): {}", id, e.toString());
                    }
                    next = entry.get().next();
                }
                try {
                    retention();
                    if (!batch.isEmpty()) {
                        index.store(batch);
                    }
                } catch (IOException | RuntimeException e) {
                    if (!failing) {
                        log.warn("audit index unreachable, records stay queued and are indexed when it is back: {}", e.toString());
                    }
                    failing = true;
                    pause(retryNanos);
                    continue;
                }
                if (failing) {
                    log.info("audit index reachable again, indexing the queued records");
                    failing = false;
                }
                if (!next.equals(position)) {
                    position = next;
                    queue.markPosition(POSITION, position);
                }
                if (batch.size() < BATCH) {
                    pause(retryNanos);
                }
            }
        } catch (IOException e) {
            log.error("audit queue unreadable, audit records are no longer indexed (they are still written): {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retention() throws IOException {
        Instant now = clock.instant();
        if (retention.isZero() || now.isBefore(nextRetention)) {
            return;
        }
        long removed = index.removeOlderThan(now.minus(retention));
        if (removed > 0) {
            log.info("audit index: {} records older than {} removed (retention)", removed, retention);
        }
        nextRetention = now.plus(RETENTION_EVERY);
    }

    private void pause(long nanos) throws InterruptedException {
        wakeUp.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        wakeUp.drainPermits();
    }
}
