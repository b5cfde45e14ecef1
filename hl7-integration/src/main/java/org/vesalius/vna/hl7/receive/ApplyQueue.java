package org.vesalius.vna.hl7.receive;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.log.MessageLog;

/**
 * ADT changes acknowledged once their message is durable in the log, applied behind the
 * acknowledgement on one thread, in the order they were logged. A change that cannot be applied
 * now (the journal's storage is down) is retried, with a growing pause, until it is: the ones
 * behind it wait, because an ADT feed's order is its meaning. The log's applied mark follows (at
 * most every 100 ms, and whenever the queue empties); what a crash leaves after the mark is
 * applied again at the next start.
 *
 * <p>The queue is bounded: when it is full, the intake waits, and so does the sender.
 */
final class ApplyQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyQueue.class);
    private static final long MARK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private record Work(long sequence, AdtFeed.Change change) {
    }

    private final AdtFeed adt;
    private final MessageLog log;
    private final BlockingQueue<Work> queue;
    private final Object idle = new Object();
    private final Thread thread;
    private long enqueued;
    private long done;
    private volatile boolean closed;

    ApplyQueue(AdtFeed adt, MessageLog log, int capacity) {
        this.adt = adt;
        this.log = log;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("vna-hl7-apply").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues the change of logged message {@code sequence}; waits while the queue is full. */
    void enqueue(long sequence, AdtFeed.Change change) {
        synchronized (idle) {
            enqueued++;
        }
        try {
            queue.put(new Work(sequence, change));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the HL7 apply queue was full; message " + sequence
                    + " is applied at the next start", e);
        }
    }

    /** Waits until every queued change is applied (a message applied now must come after them). */
    void awaitIdle() {
        synchronized (idle) {
            while (done < enqueued && !closed) {
                try {
                    idle.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the HL7 apply queue", e);
                }
            }
        }
    }

    /** Changes queued and not yet applied. */
    int pending() {
        synchronized (idle) {
            return (int) (enqueued - done);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void run() {
        long lastMark = System.nanoTime();
        long appliedThrough = 0;
        while (!closed) {
            Work work;
            try {
                work = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (work != null) {
                if (!applyUntilDone(work)) {
                    break;
                }
                appliedThrough = work.sequence();
                synchronized (idle) {
                    done++;
                    idle.notifyAll();
                }
            }
            if (appliedThrough > 0 && (queue.isEmpty() || System.nanoTime() - lastMark >= MARK_EVERY_NANOS)) {
                mark(appliedThrough);
                lastMark = System.nanoTime();
            }
        }
        if (appliedThrough > 0) {
            mark(appliedThrough);
        }
    }

    /** False when interrupted (closing) before the change could be applied: it stays after the mark. */
    private boolean applyUntilDone(Work work) {
        for (int attempt = 1; ; attempt++) {
            try {
                String done = adt.apply(work.change());
                LOG.debug("HL7 log #{} applied: {}", work.sequence(), done);
                return true;
            } catch (IllegalArgumentException e) {
                // The archive refuses the values themselves: trying again cannot help. The message stays in the log.
                LOG.error("HL7 log #{} was accepted but the archive refuses its values; not applied: {}", work.sequence(), e.getMessage());
                return true;
            } catch (RuntimeException e) {
                if (attempt == 1) {
                    LOG.warn("HL7 log #{} cannot be applied now; it is retried (the messages after it wait): {}", work.sequence(),
                            e.toString());
                }
                try {
                    Thread.sleep(Math.min(30_000L, 100L << Math.min(attempt, 9)));
                } catch (InterruptedException stop) {
                    return false;
                }
            }
        }
    }

    private void mark(long through) {
        try {
            log.applied(through);
        } catch (RuntimeException e) {
            LOG.warn("the HL7 applied mark could not be written (the messages after the old mark are applied again at the next start): {}",
                    e.getMessage());
        }
    }
}
