package org.vesalius.vna.archive.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.vesalius.vna.archive.storage.BlobKey;

/**
 * Settings of an {@link S3BlobStore} and of the S3 client {@link S3BlobStore#create} builds.
 * {@code null} components take the defaults below, so the record binds from properties that
 * leave most of them out. {@link #toString()} does not show the secret key.
 *
 * @param bucket             the bucket; must exist (see {@link S3BlobStore#checkBucket()})
 * @param prefix             key prefix inside the bucket, e.g. {@code vna/}; default none. A
 *                           trailing {@code /} is added if missing
 * @param endpoint           S3 endpoint, e.g. {@code http://127.0.0.1:9000} for MinIO or
 *                           S3Proxy, {@code https://rgw.example.org} for Ceph; default: AWS
 *                           for the region
 * @param region             signing region; default {@code us-east-1} (what most
 *                           S3-compatible servers expect)
 * @param pathStyleAccess    {@code http://host/bucket/key} instead of
 *                           {@code http://bucket.host/key}; needed by most S3-compatible
 *                           servers (MinIO, Ceph, S3Proxy); default false (AWS)
 * @param accessKeyId        static credentials; both {@code null} (the default) means the
 *                           AWS default chain (environment, system properties, profile,
 *                           container or instance role)
 * @param secretAccessKey    see {@code accessKeyId}
 * @param connectTimeout     TCP connect timeout; default 10 s
 * @param socketTimeout      longest wait for data on an open connection; default 60 s
 * @param maxAttempts        attempts per request, including the first, for retryable
 *                           failures (5xx, throttling, I/O); default 3
 * @param multipartThreshold content up to this size goes in one PUT, larger content in a
 *                           multipart upload; default 16 MiB, at most 5 GiB
 * @param partSize           multipart part size; default 16 MiB, between 5 MiB and 5 GiB;
 *                           grown automatically for objects over 10,000 parts
 * @param spoolDirectory     where content is spooled before upload (needs room for the
 *                           largest object being stored, times concurrent puts); default
 *                           {@code java.io.tmpdir}
 * @param integrityChecksums send SHA-256 checksums that S3 verifies ({@code x-amz-checksum-sha256})
 *                           and validate checksums on reads; default true. Turn off only
 *                           for servers that reject them
 */
public record S3BlobStoreConfig(
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
        Long multipartThreshold,
        Long partSize,
        Path spoolDirectory,
        Boolean integrityChecksums) {

    static final long MIB = 1024 * 1024;
    static final long MIN_PART_SIZE = 5 * MIB;
    static final long MAX_PART_SIZE = 5 * 1024 * MIB;

    public S3BlobStoreConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is required");
        }
        prefix = prefix == null ? "" : prefix;
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        BlobKey.checkPrefix(prefix);
        region = region == null || region.isBlank() ? "us-east-1" : region;
        pathStyleAccess = pathStyleAccess != null && pathStyleAccess;
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("give both accessKeyId and secretAccessKey, or neither");
        }
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(10), "connectTimeout");
        socketTimeout = positive(socketTimeout, Duration.ofSeconds(60), "socketTimeout");
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        multipartThreshold = multipartThreshold == null ? 16 * MIB : multipartThreshold;
        if (multipartThreshold < 0 || multipartThreshold > MAX_PART_SIZE) {
            throw new IllegalArgumentException("multipartThreshold must be between 0 and 5 GiB: " + multipartThreshold);
        }
        partSize = partSize == null ? 16 * MIB : partSize;
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be between 5 MiB and 5 GiB: " + partSize);
        }
        spoolDirectory = spoolDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : spoolDirectory;
        integrityChecksums = integrityChecksums == null || integrityChecksums;
    }

    /** A builder starting from the defaults. */
    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    @Override
    public String toString() {
        return "S3BlobStoreConfig[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint
                + ", region=" + region + ", pathStyleAccess=" + pathStyleAccess
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? null : "****")
                + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout
                + ", maxAttempts=" + maxAttempts + ", multipartThreshold=" + multipartThreshold
                + ", partSize=" + partSize + ", spoolDirectory=" + spoolDirectory
                + ", integrityChecksums=" + integrityChecksums + "]";
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /** Builds an {@link S3BlobStoreConfig}; unset values take the defaults. */
    public static final class Builder {
        private final String bucket;
        private String prefix;
        private URI endpoint;
        private String region;
        private Boolean pathStyleAccess;
        private String accessKeyId;
        private String secretAccessKey;
        private Duration connectTimeout;
        private Duration socketTimeout;
        private Integer maxAttempts;
        private Long multipartThreshold;
        private Long partSize;
        private Path spoolDirectory;
        private Boolean integrityChecksums;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder pathStyleAccess(boolean pathStyleAccess) {
            this.pathStyleAccess = pathStyleAccess;
            return this;
        }

        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder multipartThreshold(long multipartThreshold) {
            this.multipartThreshold = multipartThreshold;
            return this;
        }

        public Builder partSize(long partSize) {
            this.partSize = partSize;
            return this;
        }

        public Builder spoolDirectory(Path spoolDirectory) {
            this.spoolDirectory = spoolDirectory;
            return this;
        }

        public Builder integrityChecksums(boolean integrityChecksums) {
            this.integrityChecksums = integrityChecksums;
            return this;
        }

        public S3BlobStoreConfig build() {
            return new S3BlobStoreConfig(bucket, prefix, endpoint, region, pathStyleAccess, accessKeyId,
                    secretAccessKey, connectTimeout, socketTimeout, maxAttempts, multipartThreshold, partSize,
                    spoolDirectory, integrityChecksums);
        }
    }
}
