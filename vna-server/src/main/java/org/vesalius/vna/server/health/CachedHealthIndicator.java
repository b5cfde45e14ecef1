package org.vesalius.vna.server.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health check computed at most once per {@code ttl}, whatever the request rate: health and
 * readiness are unauthenticated and polled by load balancers, so a flood of probes must cost
 * the backends nothing more than one check per period. While one caller refreshes, the others
 * get the previous answer instead of queueing behind a slow backend (only the very first caller
 * waits).
 */
public final class CachedHealthIndicator implements HealthIndicator {

    private record Cached(Health health, Instant at) {
    }

    private final HealthIndicator delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Cached cached;

    public CachedHealthIndicator(HealthIndicator delegate, Duration ttl, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        Cached now = cached;
        if (now != null && !isStale(now)) {
            return now.health();
        }
        if (now != null && !refreshing.tryLock()) {
            return now.health(); // someone else is refreshing it
        }
        if (now == null) {
            refreshing.lock();
        }
        try {
            Cached current = cached;
            if (current != null && !isStale(current)) {
                return current.health();
            }
            Health fresh = delegate.health();
            cached = new Cached(fresh, clock.instant());
            return fresh;
        } finally {
            refreshing.unlock();
        }
    }

    private boolean isStale(Cached c) {
        return !clock.instant().isBefore(c.at().plus(ttl));
    }
}
