package org.vesalius.vna.archive.ingest.quota;

/**
 * One source's use of its quota: a token bucket per limit, full at the start, refilled at the
 * quota per window. A source may overdraw by the objects it had in flight when its bucket ran
 * dry (their size is known only once they are stored); it then waits until the bucket refills.
 */
final class QuotaBucket {

    private final Quota quota;
    private final long windowNanos;
    private double bytes;
    private double instances;
    private long refilledAt;

    QuotaBucket(Quota quota, long windowNanos, long now) {
        this.quota = quota;
        this.windowNanos = windowNanos;
        this.bytes = quota.bytes();
        this.instances = quota.instances();
        this.refilledAt = now;
    }

    /** True when another object may be taken in now. */
    synchronized boolean admits(long now) {
        refill(now);
        return (quota.bytes() == 0 || bytes > 0) && (quota.instances() == 0 || instances >= 1);
    }

    /** Counts a stored object. */
    synchronized void charge(long size, long now) {
        refill(now);
        bytes -= size;
        instances -= 1;
    }

    /** True when the bucket is full again: it carries nothing worth keeping. */
    synchronized boolean full(long now) {
        refill(now);
        return bytes >= quota.bytes() && instances >= quota.instances();
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed <= 0) {
            return;
        }
        double share = (double) elapsed / windowNanos;
        bytes = Math.min(quota.bytes(), bytes + share * quota.bytes());
        instances = Math.min(quota.instances(), instances + share * quota.instances());
        refilledAt = now;
    }
}
