package org.vesalius.vna.archive.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.BlobStoreContract;
import org.vesalius.vna.archive.storage.GeneratedContent;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The S3 adapter against S3Proxy, a real S3 HTTP endpoint, in this JVM. */
class S3BlobStoreIT extends BlobStoreContract {

    private static final String BUCKET = "vesalius-test";
    private static final String STORE_PREFIX = "vna/";

    private S3ProxyServer server;
    private S3Client raw;
    private Path spool;
    private S3BlobStore store;

    @BeforeAll
    void start(@TempDir Path s3Data, @TempDir Path spoolDirectory) throws Exception {
        server = S3ProxyServer.start(s3Data);
        raw = server.client(3, List.of());
        raw.createBucket(b -> b.bucket(BUCKET));
        spool = spoolDirectory;
        store = S3BlobStore.create(server.config(BUCKET).prefix("vna").spoolDirectory(spool).build());
        store.checkBucket();
    }

    @AfterAll
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (raw != null) {
            raw.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected List<String> leftovers() throws Exception {
        List<String> found = new ArrayList<>();
        raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()
                .forEach(u -> found.add("incomplete multipart upload of " + u.key()));
        try (Stream<Path> files = Files.list(spool)) {
            files.forEach(f -> found.add("spool file " + f));
        }
        return found;
    }

    // ---------------------------------------------------------------- what lands in the bucket

    @Test
    void objectsLiveUnderThePrefixWithTheirDigest() {
        BlobKey key = key("meta.dcm");
        StoredObject stored = store.put(key, GeneratedContent.stream(1, 1000));

        HeadObjectResponse head = raw.headObject(b -> b.bucket(BUCKET).key(STORE_PREFIX + key.value())
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(head.metadata()).containsEntry("sha256", stored.sha256Hex());
        // The time reported at the put is the one a later stat reads (S3's Last-Modified has whole seconds).
        assertThat(store.stat(key).orElseThrow().created()).isEqualTo(stored.created());
        assertThat(head.checksumSHA256()).as("S3 verified our SHA-256")
                .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(stored.sha256Hex())));
    }

    @Test
    void largeObjectsGoUpInPartsAndKeepTheWholeDigest() throws Exception {
        BlobKey key = key("multipart.dcm");
        long size = 40 * MIB + 1;
        StoredObject stored = store.put(key, GeneratedContent.stream(9, size));

        HeadObjectResponse head = raw.headObject(b -> b.bucket(BUCKET).key(STORE_PREFIX + key.value()));
        assertThat(head.contentLength()).isEqualTo(size);
        assertThat(head.metadata()).containsEntry("sha256", GeneratedContent.sha256(9, size));
        assertThat(store.stat(key).orElseThrow().sha256Hex()).isEqualTo(stored.sha256Hex());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void objectsOfOtherToolsUseS3sChecksumOrHaveNoDigest() {
        byte[] content = "written by another tool".getBytes(StandardCharsets.UTF_8);
        String sha = GeneratedContent.sha256(content);
        raw.putObject(PutObjectRequest.builder().bucket(BUCKET).key(STORE_PREFIX + prefix + "with-checksum")
                .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha))).build(),
                RequestBody.fromBytes(content));
        raw.putObject(b -> b.bucket(BUCKET).key(STORE_PREFIX + prefix + "plain"), RequestBody.fromBytes(content));

        assertThat(store.stat(key("with-checksum")).orElseThrow().sha256Hex()).isEqualTo(sha);
        assertThat(store.stat(key("plain")).orElseThrow().sha256Hex()).isNull();
    }

    @Test
    void listingSkipsObjectsThatAreNotKeys() {
        store.put(key("valid.dcm"), GeneratedContent.stream(1, 10));
        raw.putObject(b -> b.bucket(BUCKET).key(STORE_PREFIX + prefix + "Upper Case.txt"), RequestBody.fromString("x"));
        raw.putObject(b -> b.bucket(BUCKET).key(STORE_PREFIX + prefix + "folder/"), RequestBody.empty());

        try (Stream<BlobKey> keys = store.list(prefix)) {
            assertThat(keys).containsExactly(key("valid.dcm"));
        }
    }

    // ---------------------------------------------------------------- multipart failures and races

    @Test
    void aFailedMultipartUploadIsAborted() throws Exception {
        ExecutionInterceptor failSecondPart = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part && part.partNumber() == 2) {
                    throw SdkClientException.create("connection reset (simulated) while sending part 2");
                }
            }
        };
        BlobKey key = key("interrupted.dcm");
        try (S3Client client = server.client(1, List.of(failSecondPart));
             S3BlobStore small = new S3BlobStore(client, smallParts())) {
            assertThatThrownBy(() -> small.put(key, GeneratedContent.stream(3, 12 * MIB)))
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("part 2");
        }
        assertThat(store.stat(key)).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void ifAbsentLosingTheRaceToAnotherWriterReportsTheWinner() throws Exception {
        // Another writer creates the key between our HEAD and our conditional write.
        byte[] theirs = "the other writer's bytes".getBytes(StandardCharsets.UTF_8);
        ExecutionInterceptor otherWriter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                SdkRequest request = context.request();
                String target = request instanceof PutObjectRequest p ? p.key()
                        : request instanceof CompleteMultipartUploadRequest c ? c.key() : null;
                if (target != null) {
                    raw.putObject(b -> b.bucket(BUCKET).key(target)
                            .metadata(Map.of("sha256", GeneratedContent.sha256(theirs))), RequestBody.fromBytes(theirs));
                }
            }
        };
        try (S3Client client = server.client(1, List.of(otherWriter));
             S3BlobStore racing = new S3BlobStore(client, smallParts())) {
            for (long size : new long[] {1000, 12 * MIB}) { // one PUT, then a multipart upload
                BlobKey key = key("raced-" + size + ".dcm");
                PutResult result = racing.put(key, GeneratedContent.stream(4, size), PutMode.IF_ABSENT);

                assertThat(result).isInstanceOfSatisfying(PutResult.Existing.class, e -> {
                    assertThat(e.sameContent()).isFalse();
                    assertThat(e.object().sha256Hex()).isEqualTo(GeneratedContent.sha256(theirs));
                });
                assertThat(new String(store.open(key).readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("the other writer's bytes");
            }
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void listingFetchesOnePageAtATime() throws Exception {
        AtomicInteger listRequests = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof ListObjectsV2Request) {
                    listRequests.incrementAndGet();
                }
            }
        };
        Set<BlobKey> fixture = listingFixture(); // more than one page of 1,000
        try (S3Client client = server.client(1, List.of(counter));
             S3BlobStore counted = new S3BlobStore(client, BUCKET, STORE_PREFIX);
             Stream<BlobKey> keys = counted.list(LISTING)) {
            Iterator<BlobKey> it = keys.iterator();
            Set<BlobKey> seen = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                seen.add(it.next());
            }
            assertThat(listRequests).hasValue(1);
            it.forEachRemaining(seen::add);
            assertThat(seen).containsAll(fixture);
            assertThat(listRequests).hasValue(2);
        }
    }

    // ---------------------------------------------------------------- S3 unavailable

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard, not a performance requirement
    void anUnreachableEndpointIsStorageUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3BlobStoreConfig config = S3BlobStoreConfig.builder(BUCKET)
                .endpoint(java.net.URI.create("http://127.0.0.1:" + closedPort)).pathStyleAccess(true)
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .connectTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).maxAttempts(2)
                .spoolDirectory(spool).build();
        try (S3BlobStore unreachable = S3BlobStore.create(config)) {
            assertUnavailable(unreachable, key("anything.dcm"));
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aStoppedServerIsStorageUnavailable(@TempDir Path data) throws Exception {
        BlobKey key = key("before-the-outage.dcm");
        try (S3ProxyServer other = S3ProxyServer.start(data)) {
            try (S3Client client = other.client(1, List.of())) {
                client.createBucket(b -> b.bucket(BUCKET));
            }
            try (S3BlobStore doomed = S3BlobStore.create(other.config(BUCKET).maxAttempts(2)
                    .connectTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5))
                    .spoolDirectory(spool).build())) {
                doomed.put(key, GeneratedContent.stream(1, 100));
                other.close();
                assertUnavailable(doomed, key);
            }
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aMissingBucketIsStorageUnavailable() {
        try (S3BlobStore nowhere = S3BlobStore.create(server.config("no-such-bucket").spoolDirectory(spool).build())) {
            assertThatThrownBy(nowhere::checkBucket)
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("does not exist");
            assertThatThrownBy(nowhere::probe)
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("does not exist");
        }
    }

    @Test
    void theHealthProbeWritesNothing() {
        long before;
        try (Stream<BlobKey> keys = store.list("")) {
            before = keys.count();
        }
        store.probe();
        try (Stream<BlobKey> keys = store.list("")) {
            assertThat(keys.count()).isEqualTo(before);
        }
    }

    private void assertUnavailable(S3BlobStore unavailable, BlobKey key) {
        assertThatThrownBy(() -> unavailable.stat(key)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> unavailable.put(key, new ByteArrayInputStream(new byte[100])))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> unavailable.put(key, GeneratedContent.stream(2, 100), PutMode.IF_ABSENT))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> unavailable.open(key)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> unavailable.openRange(key, 0, 10)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> unavailable.delete(key)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(unavailable::checkBucket).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(unavailable::probe).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> {
            try (Stream<BlobKey> keys = unavailable.list("")) {
                keys.findFirst();
            }
        }).isInstanceOf(StorageUnavailableException.class);
    }

    private S3BlobStoreConfig smallParts() {
        return S3BlobStoreConfig.builder(BUCKET).prefix(STORE_PREFIX).spoolDirectory(spool)
                .multipartThreshold(5 * MIB).partSize(5 * MIB).build();
    }
}
