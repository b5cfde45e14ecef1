package org.vesalius.vna.server.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * Health of the blob store from {@link BlobStore#probe()}: read-only checks (free space, a
 * read-only mount, missing permissions, the S3 bucket and credentials), so a probe writes
 * nothing however often it is called. The answer names the backend and, when DOWN, a fixed
 * reason; the store's own message (which may name paths or endpoints) goes to the log only, once
 * per change. Cached by the wiring ({@code CachedHealthIndicator}).
 */
final class BlobStoreHealthIndicator implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(BlobStoreHealthIndicator.class);

    private final BlobStore blobs;
    private final StorageProperties properties;
    private volatile String lastProblem;

    BlobStoreHealthIndicator(BlobStore blobs, StorageProperties properties) {
        this.blobs = blobs;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("backend", properties.backend().name().toLowerCase());
        try {
            blobs.probe();
            if (lastProblem != null) {
                LOG.info("blob store available again");
                lastProblem = null;
            }
            return health.build();
        } catch (RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                LOG.warn("blob store health check failed: {}", problem);
                lastProblem = problem;
            }
            return health.down().withDetail("reason", "the blob store cannot take writes (see the server log)").build();
        }
    }
}
