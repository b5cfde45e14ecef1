package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.SendableSamples.Sendable;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationAbortedException;
import org.vesalius.dicom.net.ul.AssociationEnd;
import org.vesalius.dicom.net.ul.AssociationOptions;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.AssociationTimeoutException;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.PresentationContext;

/** Our C-STORE SCU against our SCP: aborts, timeouts, PDU sizes, concurrency, and data sets larger than the heap. */
class StoreBehaviourIT {

    private static final String CT = UID.CTImageStorage;

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private DicomServer start(AssociationOptions options, DimseServiceRegistry services) throws IOException {
        DicomServer server = Scp.start(Scp.storageAe(options).build(), services);
        cleanup.add(server);
        return server;
    }

    private static AssociationRequest ctRequest() {
        return AssociationRequest.builder("SCU", Scp.AET).propose(CT, UID.ExplicitVRLittleEndian)
                .propose(UID.Verification, UID.ImplicitVRLittleEndian).build();
    }

    /**
     * The requestor aborts after some data set fragments: the handler's stream fails with
     * AssociationAbortedException, the directory handler leaves no file, nothing is acknowledged.
     */
    @Test
    void abortMidDataSetFailsTheHandlerAndStoresNothing() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        CStoreHandler files = CStoreHandler.toDirectory(dir);
        CStoreHandler watching = (request, dataSet) -> {
            started.countDown();
            try {
                DicomStatus status = files.store(request, dataSet);
                seen.complete(null);
                return status;
            } catch (IOException | RuntimeException e) {
                seen.complete(e);
                throw e;
            }
        };
        DicomServer server = start(Scp.options(), DimseServiceRegistry.builder().store(watching).build());
        DimseClient scu = Scp.client(Scp.options().withMaxPduLengthSend(4096));
        Association as = scu.connect("127.0.0.1", server.port(), ctRequest());
        PresentationContext pc = as.acceptedContext(CT).orElseThrow();
        try (OutputStream command = as.openPData(pc.id(), true)) {
            command.write(CommandSet.storeRequest(7, CT, "1.2.3.4.5", Priority.MEDIUM, null, -1).encode());
        }
        OutputStream data = as.openPData(pc.id(), false);
        data.write(new byte[200_000]); // about 49 fragments of 4 KiB go out, the last one is held back
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        as.abort();
        assertThatThrownBy(data::close).isInstanceOf(AssociationAbortedException.class); // sends nothing, releases the lock
        assertThat(seen.get(30, TimeUnit.SECONDS)).isInstanceOf(AssociationAbortedException.class);
        assertThat(as.awaitEnd(Duration.ofSeconds(30))).isTrue();
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).as("no file, not even a partial one").isEmpty();
        }
    }

    /** The SCU's data source fails half way: the association is aborted, never left with a truncated data set. */
    @Test
    void failingSourceAbortsTheAssociation() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        DimseServiceRegistry services = DimseServiceRegistry.builder().store((request, dataSet) -> {
            try {
                dataSet.transferTo(OutputStream.nullOutputStream());
                seen.complete(null);
            } catch (IOException e) {
                seen.complete(e);
            }
            return DicomStatus.SUCCESS; // a careless handler; the instance is still not acknowledged
        }).build();
        DicomServer server = start(Scp.options(), services);
        DimseClient scu = Scp.client(Scp.options().withMaxPduLengthSend(4096));
        Association as = scu.connect("127.0.0.1", server.port(), ctRequest());
        assertThatThrownBy(() -> scu.store(as, CT, "1.2.3", UID.ExplicitVRLittleEndian, out -> {
            out.write(new byte[100_000]);
            throw new IOException("source broke");
        }, Priority.MEDIUM)).isInstanceOf(IOException.class).hasMessageContaining("source broke");
        assertThat(as.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(as.end().orElseThrow().kind()).isEqualTo(AssociationEnd.Kind.ABORTED_LOCALLY);
        assertThat(seen.get(30, TimeUnit.SECONDS)).isInstanceOf(AssociationAbortedException.class);
    }

    /** No response within the DIMSE timeout: the SCU aborts instead of waiting for ever. */
    @Test
    void responseTimeoutAborts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DicomServer server = start(Scp.options(), DimseServiceRegistry.builder().store((request, dataSet) -> {
            dataSet.transferTo(OutputStream.nullOutputStream());
            try {
                release.await(60, TimeUnit.SECONDS); // hang guard only
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DicomStatus.SUCCESS;
        }).build());
        cleanup.add(release::countDown); // before the server closes
        DimseClient scu = Scp.client(Scp.options(), DimseOptions.DEFAULT.withResponseTimeout(Duration.ofMillis(500)));
        Association as = scu.connect("127.0.0.1", server.port(), ctRequest());
        assertThatThrownBy(() -> scu.store(as, CT, "1.2.3", UID.ExplicitVRLittleEndian, out -> out.write(new byte[64]),
                Priority.MEDIUM)).isInstanceOf(AssociationTimeoutException.class).hasMessageContaining("C-STORE-RSP");
        assertThat(as.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(as.end().orElseThrow().kind()).isEqualTo(AssociationEnd.Kind.ABORTED_LOCALLY);
    }

    /** 4 KiB to 1 MiB PDUs in both directions; the data set arrives intact. */
    @ParameterizedTest(name = "max PDU {0}")
    @ValueSource(longs = {4096, 16384, 131072, 1048576})
    void pduSizes(long maxPdu) throws Exception {
        Map<String, String> digests = new ConcurrentHashMap<>();
        AssociationOptions options = Scp.options().withMaxPduLengthReceive(maxPdu);
        DicomServer server = start(options, DimseServiceRegistry.builder().store(digesting(digests)).build());
        DimseClient scu = Scp.client(options);
        byte[] payload = randomBytes(3_000_000);
        try (Association as = scu.connect("127.0.0.1", server.port(), ctRequest())) {
            assertThat(as.maxPduLengthSend()).isEqualTo(maxPdu);
            assertThat(scu.store(as, CT, "1.2.3", UID.ExplicitVRLittleEndian, out -> out.write(payload), Priority.HIGH)
                    .status()).isEqualTo(DicomStatus.SUCCESS);
            assertThat(scu.echo(as).status()).isEqualTo(DicomStatus.SUCCESS);
        }
        assertThat(digests).containsEntry("1.2.3", sha256(payload));
    }

    /** 50 associations at once, each storing several instances, all acknowledged and intact. */
    @Test
    void fiftyAssociationsAtOnce() throws Exception {
        List<Sendable> samples = StoreScpDcmtkIT.largest(5);
        Map<String, String> expected = new ConcurrentHashMap<>();
        for (Sendable s : samples) {
            expected.put(Part10Head.read(s.sample().path()).sopInstanceUid(), sha256(DataSetBytes.of(s.sample().path())));
        }
        AtomicInteger stored = new AtomicInteger();
        Map<String, String> mismatches = new ConcurrentHashMap<>();
        CStoreHandler checking = (request, dataSet) -> {
            String digest = sha256(dataSet);
            if (!digest.equals(expected.get(request.sopInstanceUid()))) {
                mismatches.put(request.association().callingAeTitle() + "/" + request.sopInstanceUid(), digest);
            }
            stored.incrementAndGet();
            return DicomStatus.SUCCESS;
        };
        DicomServer server = start(Scp.options(), DimseServiceRegistry.builder().store(checking).build());
        DimseClient scu = Scp.client(Scp.options());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String calling = "SCU" + i;
                results.add(pool.submit(() -> {
                    AssociationRequest.Builder rq = AssociationRequest.builder(calling, Scp.AET);
                    for (Sendable s : samples) {
                        Part10Head h = Part10Head.read(s.sample().path());
                        rq.propose(h.sopClassUid(), h.transferSyntaxUid());
                    }
                    int ok = 0;
                    try (Association as = scu.connect("127.0.0.1", server.port(), rq.build())) {
                        for (Sendable s : samples) {
                            ok += scu.store(as, s.sample().path()).status().isSuccess() ? 1 : 0;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get(180, TimeUnit.SECONDS)).isEqualTo(samples.size());
            }
        }
        assertThat(stored.get()).isEqualTo(50 * samples.size());
        assertThat(mismatches).isEmpty();
    }

    /**
     * A data set larger than the test JVM's heap (-Xmx1g) passes through SCU and SCP: neither
     * side buffers it.
     */
    @Test
    void dataSetLargerThanTheHeapStreams() throws Exception {
        long size = 1200L * 1024 * 1024;
        long[] received = new long[1];
        DicomServer server = start(Scp.options().withMaxPduLengthReceive(1048576),
                DimseServiceRegistry.builder().store((request, dataSet) -> {
                    received[0] = dataSet.transferTo(OutputStream.nullOutputStream());
                    return DicomStatus.SUCCESS;
                }).build());
        DimseClient scu = Scp.client(Scp.options());
        byte[] chunk = new byte[1 << 20];
        try (Association as = scu.connect("127.0.0.1", server.port(), ctRequest())) {
            DimseResponse r = scu.store(as, CT, "1.2.3", UID.ExplicitVRLittleEndian, out -> {
                for (long sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk);
                }
            }, Priority.LOW);
            assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        }
        assertThat(received[0]).isEqualTo(size);
        assertThat(Runtime.getRuntime().maxMemory()).as("the test is meaningful with a heap smaller than the data set")
                .isLessThan(size);
    }

    /** A command we do not perform gets 0211; a service without a handler 0122; the association goes on. */
    @Test
    void unknownCommandAndMissingHandler() throws Exception {
        DicomServer server = start(Scp.options(), DimseServiceRegistry.builder().build());
        DimseClient scu = Scp.client(Scp.options());
        try (Association as = scu.connect("127.0.0.1", server.port(), ctRequest())) {
            DimseChannel channel = DimseChannel.of(as);
            PresentationContext pc = as.acceptedContext(CT).orElseThrow();
            Dataset nAction = new Dataset();
            nAction.setString(0x00000003, VR.UI, CT);
            nAction.setInt(0x00000100, VR.US, 0x0130); // N-ACTION-RQ
            nAction.setInt(0x00000110, VR.US, 99);
            nAction.setInt(0x00000800, VR.US, 0x0101);
            nAction.setString(0x00001001, VR.UI, "1.2.3");
            nAction.setInt(0x00001008, VR.US, 1);
            SingleResponse response = new SingleResponse();
            channel.request(pc.id(), CommandSet.decode(encode(nAction)), null, response);
            assertThat(response.await(channel, 99, Duration.ofSeconds(10), "N-ACTION-RSP").status())
                    .isEqualTo(DicomStatus.UNRECOGNIZED_OPERATION);
            assertThat(scu.store(as, CT, "1.2.3", UID.ExplicitVRLittleEndian, out -> out.write(new byte[8]), Priority.MEDIUM)
                    .status()).isEqualTo(DicomStatus.SOP_CLASS_NOT_SUPPORTED);
            assertThat(scu.echo(as).status()).isEqualTo(DicomStatus.SUCCESS);
        }
    }

    private static byte[] encode(Dataset command) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        DicomWriter.writeDataset(command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, body, EncodingOptions.DEFAULT);
        byte[] rest = body.toByteArray();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(12 + rest.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putInt(0).putInt(4).putInt(rest.length).put(rest);
        return out.array();
    }

    static CStoreHandler digesting(Map<String, String> digests) {
        return (request, dataSet) -> {
            digests.put(request.sopInstanceUid(), sha256(dataSet));
            return DicomStatus.SUCCESS;
        };
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) throws IOException {
        return sha256(new java.io.ByteArrayInputStream(bytes));
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(42).nextBytes(b);
        return b;
    }
}
