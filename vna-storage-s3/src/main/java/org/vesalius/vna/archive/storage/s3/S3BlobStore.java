package org.vesalius.vna.archive.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.ContentReadException;
import org.vesalius.vna.archive.storage.DigestingCopy;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A {@link BlobStore} in an S3 bucket (AWS S3 or a compatible server: MinIO, Ceph RGW, S3Proxy),
 * one object per key at {@code {prefix}{key}}.
 *
 * <p><b>Put.</b> The content is spooled to a local temporary file while size and SHA-256 are
 * computed ({@link Spool}); then it goes up in one PutObject (up to the multipart threshold)
 * or a multipart upload, with the digest in user metadata {@code x-amz-meta-sha256} and, unless
 * turned off, as {@code x-amz-checksum-sha256}, which S3 verifies against the bytes it
 * received. {@code put} returns after S3's 200 for PutObject or CompleteMultipartUpload; S3
 * makes the object visible atomically at that point, so a failure before leaves nothing under
 * the key (a failed multipart upload is aborted).
 *
 * <p><b>IF_ABSENT</b> checks with HEAD first (a duplicate is only digested: no spool, no
 * upload), then writes with
 * {@code If-None-Match: *}, so of concurrent writers exactly one wins and the others get
 * {@link PutResult.Existing}. A server that ignores {@code If-None-Match} leaves a race between
 * the HEAD and the write: concurrent IF_ABSENT writers of one key may then both "win", the
 * last one's bytes staying. AWS S3 (since 2024), MinIO and S3Proxy honour it.
 *
 * <p><b>OVERWRITE</b>: last writer to complete wins (S3 semantics).
 */
public final class S3BlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    /** User metadata key: S3 stores it as {@code x-amz-meta-sha256}. */
    static final String DIGEST_METADATA = "sha256";
    /**
     * User metadata key ({@code x-amz-meta-created}): when the put began, to the millisecond, by the
     * writer's clock. S3's Last-Modified has whole seconds (and, for a multipart upload, is when it
     * was started): the time the archive reports at the put and the time a stat reads back later
     * (a reindex) must be the same instant, or whatever is ordered by receipt could change.
     */
    static final String CREATED_METADATA = "created";
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final boolean ownsClient;
    private final S3BlobStoreConfig config;
    private final String bucket;
    private final String prefix;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PendingAborts pendingAborts = new PendingAborts();

    /** A store on {@code bucket} under {@code prefix} ("" for none), other settings default. */
    public S3BlobStore(S3Client client, String bucket, String prefix) {
        this(client, S3BlobStoreConfig.builder(bucket).prefix(prefix).build());
    }

    /**
     * A store using {@code client} (which stays the caller's to close) with the bucket, prefix
     * and upload settings of {@code config}; its connection settings are the client's business.
     */
    public S3BlobStore(S3Client client, S3BlobStoreConfig config) {
        this(client, config, false);
    }

    private S3BlobStore(S3Client client, S3BlobStoreConfig config, boolean ownsClient) {
        this.s3 = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.bucket = config.bucket();
        this.prefix = config.prefix();
        this.ownsClient = ownsClient;
    }

    /** A store with its own client built from {@code config} (closed with the store). */
    public static S3BlobStore create(S3BlobStoreConfig config) {
        return new S3BlobStore(S3ClientFactory.create(config), config, true);
    }

    /**
     * Checks that the bucket exists and the credentials may use it: call at startup. (S3
     * answers HEAD on an object in a missing bucket with a plain 404, which would otherwise read
     * as "no such object".)
     *
     * @throws StorageUnavailableException with the reason
     */
    public void checkBucket() {
        ensureOpen();
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            if (S3Failures.isStatus(e, 404)) {
                throw new StorageUnavailableException("bucket " + bucket + " does not exist", e);
            }
            throw S3Failures.unavailable("checking bucket " + bucket, e);
        }
    }

    /**
     * The start-up check: like {@link #checkBucket()} when S3 answers that the bucket or the
     * credentials are wrong (a 4xx other than 408 and 429: the configuration), but only a warning
     * when S3 cannot be reached or fails (an outage: the archive starts, not ready, and
     * {@link #probe()} tells when S3 is back), so a restart during an outage does not keep the
     * archive down after it.
     *
     * @return whether S3 answered
     * @throws StorageUnavailableException S3 refused the bucket or the credentials
     */
    public boolean checkBucketUnlessUnreachable() {
        try {
            checkBucket();
            return true;
        } catch (StorageUnavailableException e) {
            if (e.getCause() instanceof AwsServiceException s && s.statusCode() >= 400 && s.statusCode() < 500
                    && s.statusCode() != 408 && s.statusCode() != 429) {
                throw e;
            }
            LOG.warn("S3 cannot be reached at start-up; not ready until it answers: {}", e.getMessage());
            return false;
        }
    }

    /** A HEAD on the bucket: reachable, existing, and the credentials may use it. Writes nothing. */
    @Override
    public void probe() {
        checkBucket();
    }

    @Override
    public PutResult put(BlobKey key, InputStream content, PutMode mode) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mode, "mode");
        ensureOpen();
        String objectKey = objectKey(key);
        boolean ifNoneMatch = mode == PutMode.IF_ABSENT;
        if (ifNoneMatch) {
            Optional<StoredObject> existing = stat(key);
            if (existing.isPresent()) {
                // A duplicate (common when a sender or a migration retries): digest it, upload nothing.
                DigestingCopy.Result offered = digestOnly(key, content);
                return new PutResult.Existing(existing.get(), offered.size(), offered.sha256Hex());
            }
        }
        try (Spool spool = Spool.receive(key, content, config.spoolDirectory())) {
            Instant created = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Map<String, String> metadata = Map.of(DIGEST_METADATA, spool.sha256Hex(), CREATED_METADATA, created.toString());
            boolean written = spool.size() <= config.multipartThreshold()
                    ? putObject(objectKey, spool, metadata, ifNoneMatch)
                    : MultipartUpload.upload(s3, bucket, objectKey, key, spool, metadata, config, ifNoneMatch,
                            pendingAborts);
            if (pendingAborts.size() > 0) { // S3 takes writes again: clear what an outage left behind
                pendingAborts.retry(s3, bucket);
            }
            if (!written) {
                StoredObject winner = stat(key).orElseThrow(() -> new StorageUnavailableException(
                        "put " + key + ": S3 refused the write because the key exists, but it is gone now; retry"));
                return new PutResult.Existing(winner, spool.size(), spool.sha256Hex());
            }
            return new PutResult.Written(new StoredObject(key, spool.size(), spool.sha256Hex(), created));
        } catch (SdkException e) {
            throw S3Failures.unavailable("put " + key, e);
        } catch (UncheckedIOException e) {
            throw new StorageUnavailableException("put " + key + " failed reading the spool file: " + e.getCause(), e);
        } catch (IOException e) {
            throw new StorageUnavailableException("put " + key + " failed spooling to " + config.spoolDirectory()
                    + ": " + e, e);
        }
    }

    private static DigestingCopy.Result digestOnly(BlobKey key, InputStream content) {
        try {
            return DigestingCopy.copy(key, content, null);
        } catch (IOException e) { // only the content can fail, and that is a ContentReadException
            throw new ContentReadException("reading the content for " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** @return false if {@code ifNoneMatch} and the key was taken */
    private boolean putObject(String objectKey, Spool spool, Map<String, String> metadata, boolean ifNoneMatch) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket).key(objectKey).contentType(CONTENT_TYPE)
                .contentLength(spool.size()).metadata(metadata);
        if (config.integrityChecksums()) {
            request.checksumSHA256(spool.sha256Base64());
        }
        if (ifNoneMatch) {
            request.ifNoneMatch("*");
        }
        try {
            s3.putObject(request.build(), RequestBody.fromFile(spool.file()));
            return true;
        } catch (SdkException e) {
            if (ifNoneMatch && S3Failures.isStatus(e, 412)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredObject> stat(BlobKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        String objectKey = objectKey(key);
        try {
            HeadObjectResponse head = s3.headObject(b -> {
                b.bucket(bucket).key(objectKey);
                if (config.integrityChecksums()) {
                    b.checksumMode(ChecksumMode.ENABLED);
                }
            });
            return Optional.of(new StoredObject(key, head.contentLength(), digest(key, head), created(head)));
        } catch (SdkException e) {
            if (S3Failures.isObjectNotFound(e)) {
                return Optional.empty();
            }
            throw S3Failures.unavailable("stat " + key, e);
        }
    }

    /** Our recorded creation time; failing that (objects written by other tools, or before it was recorded), S3's. */
    private static Instant created(HeadObjectResponse head) {
        String recorded = head.metadata().get(CREATED_METADATA);
        if (recorded != null) {
            try {
                return Instant.parse(recorded);
            } catch (java.time.format.DateTimeParseException e) {
                // not ours: S3's own time below
            }
        }
        return head.lastModified();
    }

    /**
     * Our metadata digest; failing that (objects written by other tools), S3's own full-object
     * SHA-256 checksum if it has one. A composite multipart checksum ("...-N") is not a digest
     * of the content and is not used.
     */
    private String digest(BlobKey key, HeadObjectResponse head) {
        String recorded = head.metadata().get(DIGEST_METADATA);
        if (recorded != null) {
            if (StoredObject.isSha256Hex(recorded)) {
                return recorded;
            }
            LOG.warn("{}: ignoring malformed x-amz-meta-{} \"{}\"", key, DIGEST_METADATA, recorded);
        }
        String checksum = head.checksumSHA256();
        if (checksum != null && !checksum.contains("-")) {
            try {
                byte[] bytes = Base64.getDecoder().decode(checksum);
                if (bytes.length == 32) {
                    return StoredObject.hex(bytes);
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: ignoring malformed x-amz-checksum-sha256 \"{}\"", key, checksum);
            }
        }
        return null;
    }

    @Override
    public InputStream open(BlobKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        String objectKey = objectKey(key);
        try {
            return new S3ObjectStream(s3.getObject(b -> b.bucket(bucket).key(objectKey)));
        } catch (SdkException e) {
            if (S3Failures.isObjectNotFound(e)) {
                throw new BlobNotFoundException(key);
            }
            throw S3Failures.unavailable("open " + key, e);
        }
    }

    @Override
    public InputStream openRange(BlobKey key, long offset, long length) {
        Objects.requireNonNull(key, "key");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
        ensureOpen();
        if (length == 0) {
            StoredObject object = stat(key).orElseThrow(() -> new BlobNotFoundException(key));
            requireOffsetWithin(key, offset, object.size());
            return InputStream.nullInputStream();
        }
        String objectKey = objectKey(key);
        long last = length > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + length - 1;
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(b -> b.bucket(bucket).key(objectKey).range("bytes=" + offset + "-" + last));
        } catch (SdkException e) {
            if (S3Failures.isObjectNotFound(e)) {
                throw new BlobNotFoundException(key);
            }
            if (S3Failures.isStatus(e, 416)) {
                return rangeNotSatisfiable(key, offset);
            }
            throw S3Failures.unavailable("open " + key + " at " + offset, e);
        }
        if (response.response().contentRange() == null) {
            response.abort();
            throw new StorageUnavailableException("open " + key + " at " + offset
                    + ": the S3 server ignored the Range header");
        }
        return new S3ObjectStream(response);
    }

    /** S3 answers 416 for a range starting at or past the end: empty at the end, wrong past it. */
    private InputStream rangeNotSatisfiable(BlobKey key, long offset) {
        StoredObject object = stat(key).orElseThrow(() -> new BlobNotFoundException(key));
        requireOffsetWithin(key, offset, object.size());
        if (offset < object.size()) { // replaced by a longer object meanwhile
            throw new StorageUnavailableException("open " + key + " at " + offset
                    + ": S3 refused a range inside the object; retry");
        }
        return InputStream.nullInputStream();
    }

    private static void requireOffsetWithin(BlobKey key, long offset, long size) {
        if (offset > size) {
            throw new IllegalArgumentException("offset " + offset + " is beyond the end of " + key + " (" + size + " bytes)");
        }
    }

    @Override
    public boolean delete(BlobKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        boolean existed = stat(key).isPresent();
        String objectKey = objectKey(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey));
            return existed;
        } catch (SdkException e) {
            throw S3Failures.unavailable("delete " + key, e);
        }
    }

    @Override
    public Stream<BlobKey> list(String prefix) {
        BlobKey.checkPrefix(prefix);
        ensureOpen();
        return S3Listing.list(s3, bucket, this.prefix, prefix);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsClient) {
            s3.close();
        }
    }

    @Override
    public String toString() {
        return "S3BlobStore[s3://" + bucket + "/" + prefix + "]";
    }

    private String objectKey(BlobKey key) {
        String objectKey = prefix + key.value();
        if (objectKey.length() > BlobKey.MAX_LENGTH) {
            throw new IllegalArgumentException("key " + key + " with prefix " + prefix + " is longer than S3's "
                    + BlobKey.MAX_LENGTH + " bytes");
        }
        return objectKey;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
