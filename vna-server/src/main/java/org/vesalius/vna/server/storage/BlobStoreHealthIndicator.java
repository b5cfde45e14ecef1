package org.vesalius.vna.server.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * Tells the truth about the blob store: each check writes a small object durably, reads it back,
 * compares, and deletes it ({@code health/probe-{uuid}}). A full disk, a read-only mount, revoked
 * S3 credentials or a missing bucket all show as DOWN, with the store's own message.
 */
final class BlobStoreHealthIndicator implements HealthIndicator {

    private final BlobStore blobs;
    private final StorageProperties properties;

    BlobStoreHealthIndicator(BlobStore blobs, StorageProperties properties) {
        this.blobs = blobs;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("backend", properties.backend().name().toLowerCase());
        if (properties.backend() == StorageProperties.Backend.FS) {
            health.withDetail("root", properties.fs().rootPath().toString());
        } else {
            health.withDetail("bucket", String.valueOf(properties.s3().bucket()));
        }
        BlobKey probe = BlobKey.of("health/probe-" + UUID.randomUUID() + ".txt");
        byte[] content = ("vesalius health probe " + probe).getBytes(StandardCharsets.US_ASCII);
        try {
            blobs.put(probe, new ByteArrayInputStream(content));
            try (InputStream in = blobs.open(probe)) {
                if (!Arrays.equals(in.readAllBytes(), content)) {
                    return health.down().withDetail("error", "the probe read back differs from what was written").build();
                }
            } finally {
                blobs.delete(probe);
            }
            return health.withDetail("probe", "write, read and delete succeeded").build();
        } catch (IOException | RuntimeException e) {
            return health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
