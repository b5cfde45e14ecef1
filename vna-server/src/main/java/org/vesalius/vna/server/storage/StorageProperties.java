package org.vesalius.vna.server.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.archive.storage.s3.S3BlobStoreConfig;

/**
 * {@code vna.storage.*}: which blob store adapter holds the archive.
 *
 * @param backend {@code fs} (default) or {@code s3}; the profiles {@code fs} and {@code s3} set it
 * @param fs      the filesystem adapter
 * @param s3      the S3 adapter (used only with {@code backend=s3})
 */
@ConfigurationProperties("vna.storage")
@Validated
public record StorageProperties(
        @NotNull @DefaultValue("fs") Backend backend,
        @Valid @DefaultValue Fs fs,
        @Valid @DefaultValue S3 s3) {

    /** The blob store adapters. */
    public enum Backend { FS, S3 }

    /** @param root the directory holding the archive; created if missing, locked while in use */
    public record Fs(@NotBlank @DefaultValue("./data/blobs") String root) {
        public Path rootPath() {
            return Path.of(root).toAbsolutePath().normalize();
        }
    }

    /**
     * Mirrors {@link S3BlobStoreConfig}; empty values take its defaults (vna-archive/README.md).
     */
    public record S3(
            String bucket,
            String prefix,
            URI endpoint,
            String region,
            Boolean pathStyleAccess,
            String accessKeyId,
            String secretAccessKey,
            Duration connectTimeout,
            Duration socketTimeout,
            Integer maxAttempts,
            DataSize multipartThreshold,
            DataSize partSize,
            Path spoolDirectory,
            Boolean integrityChecksums) {

        /** The adapter's configuration; fails with the adapter's message when incomplete. */
        public S3BlobStoreConfig toConfig() {
            return new S3BlobStoreConfig(bucket, prefix, endpoint, region, pathStyleAccess, accessKeyId, secretAccessKey,
                    connectTimeout, socketTimeout, maxAttempts,
                    multipartThreshold == null ? null : multipartThreshold.toBytes(),
                    partSize == null ? null : partSize.toBytes(), spoolDirectory, integrityChecksums);
        }

        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region=" + region
                    + ", accessKeyId=" + (accessKeyId == null ? null : "***") + "]";
        }
    }
}
