package org.vesalius.vna.server.storage;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;
import org.vesalius.vna.archive.storage.s3.S3BlobStore;
import org.vesalius.vna.server.health.CachedHealthIndicator;

/** The {@link BlobStore} adapter chosen by {@code vna.storage.backend} (or the {@code fs} / {@code s3} profile). */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "vna.storage.backend", havingValue = "fs", matchIfMissing = true)
    BlobStore fileSystemBlobStore(StorageProperties properties, Environment environment) {
        try {
            return new FileSystemBlobStore(properties.fs().rootPath());
        } catch (IllegalStateException inUse) {
            if (!environment.matchesProfiles("command")) {
                throw inUse;
            }
            // A maintenance command beside the running server: read without the root's lock.
            LOG.info("{}: reading it without writing", inUse.getMessage());
            return FileSystemBlobStore.openReadOnly(properties.fs().rootPath());
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "vna.storage.backend", havingValue = "s3")
    BlobStore s3BlobStore(StorageProperties properties) {
        S3BlobStore store = S3BlobStore.create(properties.s3().toConfig());
        try {
            // A wrong bucket or credentials stop the start; S3 unreachable starts the server not ready.
            store.checkBucketUnlessUnreachable();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("blob store: S3 {}", properties.s3());
        return store;
    }

    @Bean
    HealthIndicator blobStoreHealthIndicator(BlobStore blobs, StorageProperties properties, Clock clock,
            @Value("${vna.health.cache-ttl:5s}") Duration ttl) {
        return new CachedHealthIndicator(new BlobStoreHealthIndicator(blobs, properties), ttl, clock);
    }
}
