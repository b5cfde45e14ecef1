package org.vesalius.vna.archive.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.testsupport.peers.S3FaultProxy;
import org.vesalius.testsupport.peers.S3FaultProxy.Fault;
import org.vesalius.testsupport.peers.S3FaultProxy.Request;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.GeneratedContent;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 adapter against real HTTP faults, injected by {@link S3FaultProxy} between the store and
 * S3Proxy: 503 SlowDown, 500 InternalError and dropped connections in the middle of a multipart
 * upload, and an endpoint that refuses connections. A transient fault is absorbed by the client's
 * retries (the object is stored, byte for byte); a persistent one fails the put with
 * {@link StorageUnavailableException}, the multipart upload aborted and nothing under the key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES) // hang guards, not performance requirements
class S3FaultsIT {

    private static final String BUCKET = "vesalius-faults";
    private static final long MIB = 1024 * 1024;
    /** Three parts of 5 MiB, 5 MiB and 2 MiB. */
    private static final long MULTIPART_SIZE = 12 * MIB;

    private S3ProxyServer server;
    private S3FaultProxy proxy;
    private S3Client raw;
    private Path spool;
    private S3BlobStore store;

    @BeforeAll
    void start(@TempDir Path s3Data, @TempDir Path spoolDirectory) throws Exception {
        server = S3ProxyServer.start(s3Data);
        raw = server.client(3, List.of());
        raw.createBucket(b -> b.bucket(BUCKET));
        proxy = S3FaultProxy.start(server.endpoint());
        spool = spoolDirectory;
        store = newStore();
        store.checkBucket();
    }

    /** The defaults (3 attempts) with short timeouts; parts as small as S3 allows. */
    private S3BlobStore newStore() {
        return S3BlobStore.create(S3BlobStoreConfig.builder(BUCKET).endpoint(proxy.endpoint()).pathStyleAccess(true)
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .connectTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10))
                .multipartThreshold(5 * MIB).partSize(5 * MIB).spoolDirectory(spool).build());
    }

    @BeforeEach
    void noFaults() throws Exception {
        proxy.reset();
        proxy.forward();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {store, raw, proxy, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void transientFaultsInTheMiddleOfAMultipartUploadAreRetriedAndTheObjectIsWhole() throws Exception {
        proxy.fail(part(1), 1, Fault.DROP_CONNECTION);
        proxy.fail(part(2), 1, Fault.SLOW_DOWN);
        proxy.fail(part(3), 1, Fault.INTERNAL_ERROR);
        BlobKey key = BlobKey.of("faults/transient.dcm");

        StoredObject stored = store.put(key, GeneratedContent.stream(21, MULTIPART_SIZE));

        assertThat(proxy.faultsInjected()).isEqualTo(3);
        assertThat(proxy.requests(Request::isUploadPart)).as("each part twice: the fault, then the retry").hasSize(6);
        assertThat(stored.sha256Hex()).isEqualTo(GeneratedContent.sha256(21, MULTIPART_SIZE));
        assertWhole(key, 21, MULTIPART_SIZE);
        assertNothingLeftOver();
    }

    @Test
    void aPersistent503OrA500MidMultipartFailsThePutAndAbortsTheUpload() throws Exception {
        for (Fault fault : new Fault[] {Fault.SLOW_DOWN, Fault.INTERNAL_ERROR}) {
            proxy.reset();
            proxy.fail(part(2), Integer.MAX_VALUE, fault);
            BlobKey key = BlobKey.of("faults/persistent-" + fault.name().toLowerCase() + ".dcm");

            assertThatThrownBy(() -> store.put(key, GeneratedContent.stream(22, MULTIPART_SIZE)))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("S3 answered " + (fault == Fault.SLOW_DOWN ? "503 SlowDown" : "500 InternalError"));

            assertThat(proxy.requests(part(2))).as("attempts at part 2 (maxAttempts)").hasSize(3);
            assertThat(proxy.requests(Request::isAbortMultipartUpload)).hasSize(1);
            assertThat(store.stat(key)).as("nothing under the key").isEmpty();
            assertNothingLeftOver();
        }
        // The same key goes up once S3 is well again.
        proxy.reset();
        BlobKey key = BlobKey.of("faults/persistent-slow_down.dcm");
        store.put(key, GeneratedContent.stream(22, MULTIPART_SIZE), PutMode.IF_ABSENT);
        assertWhole(key, 22, MULTIPART_SIZE);
    }

    @Test
    void anUploadWhoseAbortFailedTooIsAbortedAfterTheNextSuccessfulWrite() throws Exception {
        // S3 goes away after part 1: the parts after it and the abort fail alike.
        proxy.fail(r -> r.isUploadPart() && r.partNumber() >= 2, Integer.MAX_VALUE, Fault.DROP_CONNECTION);
        proxy.fail(Request::isAbortMultipartUpload, Integer.MAX_VALUE, Fault.DROP_CONNECTION);
        BlobKey key = BlobKey.of("faults/gone-mid-upload.dcm");

        assertThatThrownBy(() -> store.put(key, GeneratedContent.stream(26, MULTIPART_SIZE)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).as("the upload S3 still holds").hasSize(1);
        assertThat(store.stat(key)).isEmpty();

        // S3 is back: the next write succeeds and clears what the outage left.
        proxy.reset();
        store.put(BlobKey.of("faults/after-the-outage.dcm"), GeneratedContent.stream(27, 1000));
        assertThat(proxy.requests(Request::isAbortMultipartUpload)).hasSize(1);
        assertNothingLeftOver();
        assertThat(store.stat(key)).isEmpty();
    }

    @Test
    void afterALongOutageATransientFaultIsStillRetried() throws Exception {
        try (S3BlobStore own = newStore()) { // a client of its own: the outage drains nothing the others use
            // 60 requests failing on every attempt (health probes, a minute of an outage): before the
            // fix this drained the SDK's retry token bucket (500, 5 per retry), and every request
            // after it had one attempt only, S3 back or not.
            proxy.refuseConnections();
            for (int i = 0; i < 60; i++) {
                assertThatThrownBy(own::probe).isInstanceOf(StorageUnavailableException.class);
            }
            proxy.forward();
            own.probe();

            proxy.fail(part(2), 1, Fault.SLOW_DOWN);
            BlobKey key = BlobKey.of("faults/after-a-long-outage.dcm");
            own.put(key, GeneratedContent.stream(28, MULTIPART_SIZE));
            assertThat(proxy.faultsInjected()).isEqualTo(1);
            assertWhole(key, 28, MULTIPART_SIZE);
            assertNothingLeftOver();
        }
    }

    @Test
    void anInternalErrorInThe200OfCompleteMultipartUploadIsAFailureNotAnObject() throws Exception {
        proxy.fail(Request::isCompleteMultipartUpload, Integer.MAX_VALUE, Fault.OK_WITH_INTERNAL_ERROR);
        BlobKey key = BlobKey.of("faults/complete-200-error.dcm");

        assertThatThrownBy(() -> store.put(key, GeneratedContent.stream(25, MULTIPART_SIZE)))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("InternalError");

        assertThat(proxy.requests(Request::isCompleteMultipartUpload)).as("attempts (maxAttempts)").hasSize(3);
        assertThat(store.stat(key)).as("nothing under the key").isEmpty();
        assertNothingLeftOver();

        // Once, then well: the retry completes the upload.
        proxy.reset();
        proxy.fail(Request::isCompleteMultipartUpload, 1, Fault.OK_WITH_INTERNAL_ERROR);
        store.put(key, GeneratedContent.stream(25, MULTIPART_SIZE));
        assertWhole(key, 25, MULTIPART_SIZE);
        assertNothingLeftOver();
    }

    @Test
    void anUnreachableEndpointFailsEveryPutAndTheStoreWorksOnceItIsBack() throws Exception {
        BlobKey small = BlobKey.of("faults/unreachable-small.dcm");
        BlobKey large = BlobKey.of("faults/unreachable-large.dcm");
        proxy.refuseConnections();

        assertThatThrownBy(store::probe).isInstanceOf(StorageUnavailableException.class);
        assertThat(store.checkBucketUnlessUnreachable()).as("the start-up check in an outage").isFalse();
        assertThatThrownBy(() -> store.put(small, GeneratedContent.stream(23, 1000)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> store.put(large, GeneratedContent.stream(24, MULTIPART_SIZE)))
                .isInstanceOf(StorageUnavailableException.class);
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).as("spool files").isEmpty();
        }

        proxy.forward();
        store.probe();
        assertThat(store.checkBucketUnlessUnreachable()).isTrue();
        assertThat(store.stat(small)).isEmpty();
        assertThat(store.stat(large)).isEmpty();
        store.put(small, GeneratedContent.stream(23, 1000));
        store.put(large, GeneratedContent.stream(24, MULTIPART_SIZE));
        assertWhole(small, 23, 1000);
        assertWhole(large, 24, MULTIPART_SIZE);
        assertNothingLeftOver();
    }

    @Test
    void aWriteWhoseAnswerWasLostIsTheObjectStoredNotAFailure() throws Exception {
        // S3 stores the object, the client gets 500: the retry meets the object it wrote itself.
        BlobKey small = BlobKey.of("faults/answer-lost-small.dcm");
        proxy.fail(r -> r.method().equals("PUT") && !r.isUploadPart(), 1, Fault.INTERNAL_ERROR_AFTER_FORWARDING);
        PutResult smallResult = store.put(small, GeneratedContent.stream(29, 1000), PutMode.IF_ABSENT);
        assertThat(proxy.faultsInjected()).isEqualTo(1);
        assertThat(smallResult).isInstanceOfSatisfying(PutResult.Existing.class, e -> assertThat(e.sameContent()).isTrue());
        assertWhole(small, 29, 1000);

        proxy.reset();
        BlobKey large = BlobKey.of("faults/answer-lost-large.dcm");
        proxy.fail(Request::isCompleteMultipartUpload, 1, Fault.INTERNAL_ERROR_AFTER_FORWARDING);
        PutResult largeResult = store.put(large, GeneratedContent.stream(30, MULTIPART_SIZE), PutMode.IF_ABSENT);
        assertThat(proxy.faultsInjected()).isEqualTo(1);
        assertThat(largeResult.object().sha256Hex()).isEqualTo(GeneratedContent.sha256(30, MULTIPART_SIZE));
        assertWhole(large, 30, MULTIPART_SIZE);
        assertNothingLeftOver();
    }

    @Test
    void theStartUpCheckStillFailsForAMissingBucket() {
        try (S3BlobStore nowhere = S3BlobStore.create(S3BlobStoreConfig.builder("no-such-bucket")
                .endpoint(proxy.endpoint()).pathStyleAccess(true)
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).spoolDirectory(spool).build())) {
            assertThatThrownBy(nowhere::checkBucketUnlessUnreachable)
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("does not exist");
        }
    }

    private static java.util.function.Predicate<Request> part(int number) {
        return r -> r.isUploadPart() && r.partNumber() == number;
    }

    private void assertWhole(BlobKey key, long seed, long size) throws Exception {
        try (InputStream in = store.open(key)) {
            assertThat(GeneratedContent.mismatch(seed, 0, size, in)).as("first differing byte of " + key).isEqualTo(-1);
        }
        assertThat(store.stat(key).orElseThrow().size()).isEqualTo(size);
    }

    private void assertNothingLeftOver() throws Exception {
        assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).as("incomplete multipart uploads").isEmpty();
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).as("spool files").isEmpty();
        }
    }
}
