package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.testsupport.peers.S3FaultProxy;
import org.vesalius.testsupport.peers.S3FaultProxy.Fault;
import org.vesalius.testsupport.peers.S3FaultProxy.Request;
import org.vesalius.testsupport.peers.S3ProxyServer;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.server.maintenance.MaintenanceCommands;
import org.vesalius.vna.server.process.ServerProcess;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import org.vesalius.vna.server.process.Poll;

/**
 * The real server on S3 (S3Proxy in this JVM) through {@link S3FaultProxy}, which makes S3
 * unreachable and answers 503/500 in the middle of multipart uploads. Started while S3 is
 * unreachable, the server comes up not ready and refuses instances; while S3 is unreachable,
 * C-STORE answers A700 and STOW-RS 503 with {@code Retry-After}, nothing is acknowledged,
 * readiness is 503 naming the blob store and liveness 200; once S3 is back the same instances are
 * stored. An instance above the multipart threshold (set to 5 MB here) survives a transient 503 on
 * one part (the client's retries absorb it: stored, byte for byte) and is refused when a part
 * fails persistently (the multipart upload aborted: no incomplete upload in the bucket, nothing
 * at the key); when S3 goes away in the middle of an upload, so that the abort fails too, the
 * upload is aborted after the next successful write. While S3 answers every PutObject with 503
 * SlowDown, C-STORE answers A700. At the end every acknowledged instance is in the bucket as
 * sent, no incomplete multipart upload is left, C-FIND and QIDO-RS find them, and
 * {@code vna verify} is clean.
 *
 * <p>Needs the test Elasticsearch ({@code vna.test.elasticsearch.url}); the server uses an index
 * prefix of its own, dropped afterwards.
 */
class S3OutageIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final String BUCKET = "vna-outage";
    static final Duration GUARD = Duration.ofMinutes(2);
    static final int A700 = 0xA700;
    static final ObjectMapper JSON = new ObjectMapper();

    static SyntheticScratch data;
    static Path scratch;
    static Path dataSet;
    static List<Entry> entries;

    @BeforeAll
    static void generate() throws Exception {
        data = SyntheticScratch.create("s3-outage", 45, 5_005);
        scratch = data.directory();
        dataSet = data.dataSet();
        entries = data.entries();
    }

    @AfterAll
    static void cleanUp() {
        if (data != null) {
            data.close();
        }
    }

    @Test
    void nothingIsAcknowledgedWhileS3FailsAndNothingAcknowledgedIsLost() throws Exception {
        List<Entry> before = entries.subList(0, 20);
        List<Entry> during = entries.subList(20, 40);
        List<Entry> throttled = entries.subList(40, 45);
        InstanceSender sender = new InstanceSender(dataSet, 2);
        Files.createDirectories(scratch.resolve("s3"));
        try (S3ProxyServer s3 = S3ProxyServer.start(scratch.resolve("s3"));
                S3Client raw = s3.client(3, List.of());
                S3FaultProxy proxy = S3FaultProxy.start(s3.endpoint());
                ServerProcess server = onS3(proxy)) {
            raw.createBucket(b -> b.bucket(BUCKET));
            try {
                // Started while S3 is unreachable (a supervisor's restart in an outage): up, not ready, refusing.
                proxy.refuseConnections();
                server.start();
                assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
                assertThat(statuses(sender.send(server.dicomPort(), during, new CountDownLatch(0)), during))
                        .as("C-STORE statuses after a start while S3 is unreachable").containsOnly(A700);
                proxy.forward();
                server.awaitReady();
                ArchiveLookup lookup = new ArchiveLookup(server);
                assertThat(statuses(sender.send(server.dicomPort(), before, new CountDownLatch(0)), before)).containsOnly(0);

                // S3 unreachable: failures in each protocol's terms, the process alive, not ready.
                proxy.refuseConnections();
                HttpResponse<String> readiness = Poll.until("readiness to report the blob store down", GUARD,
                        () -> server.get("/actuator/health/readiness"), r -> r.statusCode() == 503);
                assertThat(JSON.readTree(readiness.body()).path("components").path("blobStore").path("status").asText())
                        .as(readiness.body()).isEqualTo("DOWN");
                assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
                assertThat(statuses(sender.send(server.dicomPort(), during, new CountDownLatch(0)), during))
                        .as("C-STORE statuses while S3 is unreachable").containsOnly(A700);
                StowInstance refusedByStow = StowInstance.large(1);
                HttpResponse<String> stow = refusedByStow.send(server);
                assertThat(stow.statusCode()).as(stow.body()).isEqualTo(503);
                assertThat(stow.headers().firstValue("Retry-After")).isPresent();
                assertThat(StowInstance.referenced(stow)).isEmpty();
                assertThat(StowInstance.failureReasons(stow)).containsExactly(Map.entry(refusedByStow.sop(), A700));
                for (Entry e : during) {
                    assertThat(object(raw, e.studyInstanceUid(), e.seriesInstanceUid(), e.sopInstanceUid())).isNull();
                }

                // S3 is back: the same instances go in.
                proxy.forward();
                Poll.until("readiness once S3 is back", GUARD, () -> server.get("/actuator/health/readiness"),
                        r -> r.statusCode() == 200);
                assertThat(statuses(sender.send(server.dicomPort(), during, new CountDownLatch(0)), during)).containsOnly(0);
                stow = refusedByStow.send(server);
                assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
                assertThat(StowInstance.referenced(stow)).containsExactly(refusedByStow.sop());

                // S3 answers every PutObject with 503 SlowDown: A700 after the retries, nothing stored.
                proxy.fail(r -> r.method().equals("PUT"), Integer.MAX_VALUE, Fault.SLOW_DOWN);
                assertThat(statuses(sender.send(server.dicomPort(), throttled, new CountDownLatch(0)), throttled))
                        .as("C-STORE statuses while S3 throttles").containsOnly(A700);
                for (Entry e : throttled) {
                    assertThat(object(raw, e.studyInstanceUid(), e.seriesInstanceUid(), e.sopInstanceUid())).isNull();
                }
                proxy.reset();
                assertThat(statuses(sender.send(server.dicomPort(), throttled, new CountDownLatch(0)), throttled))
                        .containsOnly(0);

                // Mid-multipart: a transient 503 on part 2 is absorbed by the retries.
                StowInstance transientFault = StowInstance.large(2);
                proxy.fail(r -> r.isUploadPart() && r.partNumber() == 2, 1, Fault.SLOW_DOWN);
                stow = transientFault.send(server);
                assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
                assertThat(StowInstance.referenced(stow)).containsExactly(transientFault.sop());
                assertThat(proxy.faultsInjected()).isEqualTo(1);

                // A persistent 500 on part 2: refused, the upload aborted, nothing at the key.
                proxy.reset();
                StowInstance persistentFault = StowInstance.large(3);
                proxy.fail(r -> r.isUploadPart() && r.partNumber() == 2, Integer.MAX_VALUE, Fault.INTERNAL_ERROR);
                stow = persistentFault.send(server);
                assertThat(stow.statusCode()).as(stow.body()).isEqualTo(503);
                assertThat(StowInstance.referenced(stow)).isEmpty();
                assertThat(StowInstance.failureReasons(stow)).containsExactly(Map.entry(persistentFault.sop(), A700));
                assertThat(proxy.requests(Request::isAbortMultipartUpload)).hasSize(1);
                assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).as("incomplete multipart uploads")
                        .isEmpty();
                assertThat(object(raw, persistentFault.study(), persistentFault.series(), persistentFault.sop())).isNull();

                // S3 gone after part 1, so the abort fails too: the upload stays until the next write succeeds.
                proxy.reset();
                StowInstance goneMidUpload = StowInstance.large(4);
                proxy.fail(r -> r.isUploadPart() && r.partNumber() >= 2, Integer.MAX_VALUE, Fault.DROP_CONNECTION);
                proxy.fail(Request::isAbortMultipartUpload, Integer.MAX_VALUE, Fault.DROP_CONNECTION);
                stow = goneMidUpload.send(server);
                assertThat(stow.statusCode()).as(stow.body()).isEqualTo(503);
                assertThat(StowInstance.failureReasons(stow)).containsExactly(Map.entry(goneMidUpload.sop(), A700));
                assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).hasSize(1);

                // S3 well again: both go in, and the left-over upload is aborted.
                proxy.reset();
                for (StowInstance again : List.of(persistentFault, goneMidUpload)) {
                    stow = again.send(server);
                    assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
                }

                // Nothing lost: every acknowledged instance is in the bucket as it was sent, and indexed.
                List<StowInstance> stowed = List.of(refusedByStow, transientFault, persistentFault, goneMidUpload);
                for (Entry e : entries) {
                    assertSameDataSet(Files.readAllBytes(dataSet.resolve(e.file())),
                            object(raw, e.studyInstanceUid(), e.seriesInstanceUid(), e.sopInstanceUid()), e.sopInstanceUid());
                }
                for (StowInstance s : stowed) {
                    assertSameDataSet(s.part10(), object(raw, s.study(), s.series(), s.sop()), s.sop());
                }
                assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
                Set<String> all = entries.stream().map(Entry::sopInstanceUid).collect(Collectors.toCollection(HashSet::new));
                Poll.until("C-FIND to find every instance sent by C-STORE", GUARD, () -> lookup.cFind(entries), all::equals);
                stowed.forEach(s -> all.add(s.sop()));
                Poll.until("QIDO-RS to find every instance", GUARD, () -> lookup.qido(all), all::equals);
                server.stop();
                try (Stream<Path> spool = Files.list(server.dataDirectory().resolve("tmp"))) {
                    assertThat(spool.filter(p -> p.getFileName().toString().endsWith(".spool"))).as("spool files").isEmpty();
                }

                String verify = verify(s3, server);
                assertThat(verify).contains("verify: CLEAN; ");
                TestIndexes.drop(ES, server.indexPrefix());
            } catch (Throwable t) {
                System.out.printf("S3OutageIT failed; server log %s%n", server.log());
                throw t;
            }
        }
    }

    private static ServerProcess onS3(S3FaultProxy proxy) throws Exception {
        return ServerProcess.builder("s3-outage").dataDirectory(scratch.resolve("server")).elasticsearch(ES)
                .property("vna.storage.backend", "s3")
                .property("vna.storage.s3.bucket", BUCKET)
                .property("vna.storage.s3.endpoint", proxy.endpoint().toString())
                .property("vna.storage.s3.path-style-access", "true")
                .property("vna.storage.s3.access-key-id", S3ProxyServer.ACCESS_KEY)
                .property("vna.storage.s3.secret-access-key", S3ProxyServer.SECRET_KEY)
                .property("vna.storage.s3.connect-timeout", "2s")
                .property("vna.storage.s3.socket-timeout", "10s")
                // The smallest S3 allows, so a 12 MiB instance goes up in three parts.
                .property("vna.storage.s3.multipart-threshold", "5MB")
                .property("vna.storage.s3.part-size", "5MB")
                .property("vna.health.cache-ttl", "1s")
                .build();
    }

    /** {@code vna verify} as the command runs it, with the server's storage and index settings. */
    private static String verify(S3ProxyServer s3, ServerProcess server) {
        String[] args = {"verify", "--vna.storage.backend=s3", "--vna.storage.s3.bucket=" + BUCKET,
            "--vna.storage.s3.endpoint=" + s3.endpoint(), "--vna.storage.s3.path-style-access=true",
            "--vna.storage.s3.access-key-id=" + S3ProxyServer.ACCESS_KEY,
            "--vna.storage.s3.secret-access-key=" + S3ProxyServer.SECRET_KEY,
            "--vna.elasticsearch.url=" + ES, "--vna.elasticsearch.index-prefix=" + server.indexPrefix(),
            "--vna.ingest.log.directory=" + server.dataDirectory().resolve("data/ingest-log")};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = MaintenanceCommands.run(args, print);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(report).isZero();
        return report;
    }

    /** The object of an instance in the bucket, or null. */
    private static byte[] object(S3Client raw, String study, String series, String sop) {
        String key = "studies/" + study + "/series/" + series + "/instances/" + sop + ".dcm";
        try {
            ResponseBytes<GetObjectResponse> bytes = raw.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
            return bytes.asByteArray();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return null;
        }
    }

    /** The data set stored is the one sent (the File Meta is the archive's own). */
    private static void assertSameDataSet(byte[] sent, byte[] stored, String sop) {
        assertThat(stored).as(sop + ": acknowledged, but not in the bucket").isNotNull();
        assertThat(Arrays.equals(sent, Part10Bytes.dataSetOffset(sent), sent.length,
                stored, Part10Bytes.dataSetOffset(stored), stored.length))
                .as(sop + ": the stored data set is the one sent").isTrue();
    }

    /** The distinct C-STORE statuses, once every one of {@code sent} has an answer. */
    private static List<Integer> statuses(Map<String, InstanceSender.Outcome> outcomes, List<Entry> sent) {
        assertThat(outcomes.keySet()).as("an answer for every instance")
                .isEqualTo(sent.stream().map(Entry::sopInstanceUid).collect(Collectors.toSet()));
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        outcomes.values().forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        return List.copyOf(counts.keySet());
    }
}
