package org.vesalius.vna.archive.render;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.vna.archive.api.failure.UnavailableException;

/**
 * The memory every rendering in flight may take together: a semaphore counted in KiB of
 * estimated working memory (the decoded frame, the samples as ints, the image). A rendering that
 * cannot get its share within {@link #WAIT} is answered 503 with {@code Retry-After}, instead of
 * letting many large renderings at once exhaust the heap; one larger than the whole budget runs
 * alone. Each frame is also capped on its own by the decode limits, before it is admitted.
 */
public final class DecodeBudget {

    /** How long a rendering waits for memory before it is refused as busy. */
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final int totalKib;
    private final Semaphore kib;

    /** @param bytes the estimated working memory all renderings in flight may take together */
    public DecodeBudget(long bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("a decode budget is at least 1 KiB, not " + bytes);
        }
        this.totalKib = (int) Math.min(Integer.MAX_VALUE, bytes / 1024);
        this.kib = new Semaphore(totalKib, true);
    }

    /** A quarter of the JVM's maximum heap: what rendering may take when nothing else is configured. */
    public static DecodeBudget quarterOfHeap() {
        return new DecodeBudget(Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    /** A share of the budget, given back by {@link #close()}. */
    public final class Share implements AutoCloseable {
        private final int taken;
        private boolean closed;

        private Share(int taken) {
            this.taken = taken;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                kib.release(taken);
            }
        }
    }

    /**
     * Takes the share a rendering of a frame of {@code storedLength} bytes as stored, decoded as
     * {@code decoded}, needs, waiting up to {@link #WAIT}.
     *
     * @throws UnavailableException the budget stayed taken by other renderings (503, retry later)
     */
    public Share take(long storedLength, PixelDescription decoded) {
        int need = (int) Math.min(totalKib, Math.max(1, estimate(storedLength, decoded) / 1024));
        try {
            if (!kib.tryAcquire(need, WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UnavailableException("rendering is busy: the memory set aside for decoding is in use; retry later",
                        RETRY_AFTER, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting to render", RETRY_AFTER, e);
        }
        return new Share(need);
    }

    /**
     * Working memory of one rendering: the stored frame read whole, the decoded frame, its samples
     * as ints (toolkit {@code FrameSamples}) and an RGB image of ints.
     */
    static long estimate(long storedLength, PixelDescription decoded) {
        long pixels = (long) decoded.rows() * decoded.columns();
        return storedLength + decoded.frameLength() + 4 * decoded.samplesPerFrame() + 4 * pixels;
    }

    /** KiB free now, for tests and status. */
    int availableKib() {
        return kib.availablePermits();
    }
}
