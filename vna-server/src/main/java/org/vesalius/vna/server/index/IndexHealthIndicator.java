package org.vesalius.vna.server.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.IndexQueue;

/**
 * Health of the index (component {@code elasticsearch}): DOWN when it does not answer, with how
 * many instances wait in the index queue. It belongs to the readiness group (queries cannot be
 * answered) but not to liveness: ingest goes on, queued (docs/architecture.md invariant 4). The
 * adapter's own error text (which may name hosts) goes to the log, once per change, not into the
 * answer. Cached by the wiring ({@code CachedHealthIndicator}).
 */
final class IndexHealthIndicator implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(IndexHealthIndicator.class);

    /** Counting the queue stops here (a listing step per entry). */
    static final long COUNT_LIMIT = 10_000;

    private final StudyIndex index;
    private final IndexQueue queue;
    private volatile String lastProblem;

    IndexHealthIndicator(StudyIndex index, IndexQueue queue) {
        this.index = index;
        this.queue = queue;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            health = index.isAvailable() ? Health.up() : Health.down();
            lastProblem = null;
        } catch (RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                LOG.warn("index health check failed: {}", problem);
                lastProblem = problem;
            }
            health = Health.down().withDetail("reason", "the index does not answer (see the server log)");
        }
        health.withDetail("adapter", index.getClass().getSimpleName());
        try {
            long queued = queue.count(COUNT_LIMIT);
            health.withDetail("queuedForIndexing", queued >= COUNT_LIMIT ? COUNT_LIMIT + "+" : queued);
            long refused = queue.refusedCount(COUNT_LIMIT);
            health.withDetail("refusedByIndex", refused >= COUNT_LIMIT ? COUNT_LIMIT + "+" : refused);
        } catch (RuntimeException e) {
            LOG.warn("counting the index queue failed: {}", e.getMessage());
            health.withDetail("queuedForIndexing", "unknown");
        }
        return health.build();
    }
}
