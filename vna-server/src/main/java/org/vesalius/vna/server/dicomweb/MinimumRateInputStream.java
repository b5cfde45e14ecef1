package org.vesalius.vna.server.dicomweb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that must keep arriving at a minimum rate. Tomcat's connection timeout ends a
 * body that stalls, but not one that trickles (a byte every few seconds holds a request thread and
 * a STOW-RS slot for days). Only the time spent waiting in {@code read} counts: while the server
 * itself stores a part (a slow disk or S3), the client is not to blame.
 */
final class MinimumRateInputStream extends FilterInputStream {

    private final long minBytesPerWindow;
    private final long windowNanos;
    private final String rule;
    private long waitedNanos;
    private long bytes;
    private boolean gaveUp;

    /**
     * @param minBytesPerSecond the rate below which the body is given up (0: no check)
     * @param windowNanos       the waiting time over which the rate is measured
     * @param rule              the property names, for the message
     */
    MinimumRateInputStream(InputStream in, long minBytesPerSecond, long windowNanos, String rule) {
        super(in);
        this.minBytesPerWindow = Math.multiplyExact(minBytesPerSecond, Math.max(1, windowNanos / 1_000_000_000L));
        this.windowNanos = windowNanos;
        this.rule = rule;
    }

    @Override
    public int read() throws IOException {
        long start = System.nanoTime();
        int b = super.read();
        count(start, b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long start = System.nanoTime();
        int n = super.read(buffer, offset, length);
        count(start, Math.max(n, 0));
        return n;
    }

    private void count(long start, int n) throws IOException {
        if (minBytesPerWindow == 0) {
            return;
        }
        waitedNanos += System.nanoTime() - start;
        bytes += n;
        if (waitedNanos >= windowNanos) {
            if (bytes < minBytesPerWindow) {
                gaveUp = true;
                throw new SlowBodyException("the request body arrives too slowly: " + bytes + " bytes in "
                        + waitedNanos / 1_000_000_000L + " s of waiting, below " + rule);
            }
            waitedNanos = 0;
            bytes = 0;
        }
    }

    /** True once the body was given up for its rate. */
    boolean gaveUp() {
        return gaveUp;
    }

    /** The body came too slowly; it is given up. */
    static final class SlowBodyException extends IOException {
        SlowBodyException(String message) {
            super(message);
        }
    }
}
