package org.vesalius.vna.server.index;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.IndexQueue;

/**
 * Health of the index (component {@code elasticsearch}): DOWN when it does not answer, with how
 * many instances wait in the index queue. It belongs to the readiness group (queries cannot be
 * answered) but not to liveness: ingest goes on, queued (docs/architecture.md invariant 4).
 */
final class IndexHealthIndicator implements HealthIndicator {

    /** Counting the queue stops here (a listing step per entry). */
    static final long COUNT_LIMIT = 10_000;

    private final StudyIndex index;
    private final IndexQueue queue;
    private final ElasticsearchProperties properties;

    IndexHealthIndicator(StudyIndex index, IndexQueue queue, ElasticsearchProperties properties) {
        this.index = index;
        this.queue = queue;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            health = index.isAvailable() ? Health.up() : Health.down();
        } catch (RuntimeException e) {
            health = Health.down().withDetail("error", e.getMessage());
        }
        health.withDetail("url", properties.url().toString())
                .withDetail("adapter", index.getClass().getSimpleName());
        try {
            long queued = queue.count(COUNT_LIMIT);
            health.withDetail("queuedForIndexing", queued >= COUNT_LIMIT ? COUNT_LIMIT + "+" : queued);
            long refused = queue.refusedCount(COUNT_LIMIT);
            health.withDetail("refusedByIndex", refused >= COUNT_LIMIT ? COUNT_LIMIT + "+" : refused);
        } catch (RuntimeException e) {
            health.withDetail("queuedForIndexing", "unknown: " + e.getMessage());
        }
        return health.build();
    }
}
