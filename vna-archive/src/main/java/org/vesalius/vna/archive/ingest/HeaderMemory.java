package org.vesalius.vna.archive.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The heap all headers being parsed at the same time may hold, shared by every edge (C-STORE,
 * STOW-RS): each parse takes a {@link Lease} and grows it with the estimated cost of what it has
 * read so far ({@link #estimate}); a parse that finds no room waits up to the configured time,
 * then fails with {@link Busy} (its object is refused as "out of resources, retry later") and
 * gives its share back, so concurrent large headers take turns instead of exhausting the heap.
 * A header that alone needs more than the whole budget fails with {@link Exceeded} at once.
 *
 * <p>Counted in KiB permits of a semaphore. Thread-safe; a lease belongs to one thread.
 */
final class HeaderMemory {

    /** Heap of one element in a parsed tree, besides its value's bytes (slots, array header, growth). */
    static final long BYTES_PER_ELEMENT = 48;
    /** Heap of one item in a parsed tree (the dataset object and its slot in the sequence). */
    static final long BYTES_PER_ITEM = 64;

    /** No room in the budget within the wait: retry later. */
    static final class Busy extends IOException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    /** One header needs more than the whole budget. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }

    private final Semaphore permits;
    private final int total;
    private final Duration wait;

    HeaderMemory(long budgetBytes, Duration wait) {
        this.total = (int) Math.clamp(budgetBytes >> 10, 1024, Integer.MAX_VALUE);
        // Not fair: small headers (the usual case) pass while a large one waits for room.
        this.permits = new Semaphore(total);
        this.wait = wait;
    }

    /** Estimated heap of a header: the captured bytes, their copies as values, and the tree's objects. */
    static long estimate(long bufferBytes, long bytesRead, long elements, long items) {
        return bufferBytes + bytesRead + elements * BYTES_PER_ELEMENT + items * BYTES_PER_ITEM;
    }

    /** A lease holding nothing yet. */
    Lease lease() {
        return new Lease();
    }

    /** The budget, in bytes. */
    long budgetBytes() {
        return (long) total << 10;
    }

    /** Bytes not held by any lease now. */
    long availableBytes() {
        return (long) permits.availablePermits() << 10;
    }

    /** What one parse holds; {@link #close()} gives it back. */
    final class Lease implements AutoCloseable {

        private int held;

        /**
         * Grows the lease to cover {@code bytes} (it never shrinks before {@link #close()}).
         *
         * @throws Busy     no room came free within the wait
         * @throws Exceeded {@code bytes} is more than the whole budget
         */
        void cover(long bytes) throws IOException {
            long needed = (bytes + 1023) >> 10;
            if (needed <= held) {
                return;
            }
            if (needed > total) {
                throw new Exceeded("the header needs about " + (bytes >> 20) + " MiB of heap, more than the "
                        + (budgetBytes() >> 20) + " MiB all headers may hold (vna.ingest.header-memory-budget)");
            }
            int more = (int) (needed - held);
            boolean got;
            try {
                got = permits.tryAcquire(more, wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Busy("interrupted while waiting for header memory");
            }
            if (!got) {
                throw new Busy("out of resources: other large headers hold the header memory budget; retry later");
            }
            held += more;
        }

        /** Bytes held. */
        long heldBytes() {
            return (long) held << 10;
        }

        @Override
        public void close() {
            if (held > 0) {
                permits.release(held);
                held = 0;
            }
        }
    }
}
