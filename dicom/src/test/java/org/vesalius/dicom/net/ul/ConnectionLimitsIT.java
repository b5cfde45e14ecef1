package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;

/**
 * The acceptor's limits: connections not yet associated, associations bounded by a reader pool of
 * platform threads, and every count, thread and file descriptor given back whichever way a
 * connection ends. Waits are hang guards, never timing assertions.
 */
class ConnectionLimitsIT {

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private DicomServer start(DicomServer.Builder builder) throws IOException {
        DicomServer server = builder.port(0).start();
        cleanup.add(server);
        return server;
    }

    private Association connect(DicomServer server, String calling) throws IOException {
        Association as = Peers.dimse().connect("localhost", server.port(), Peers.request(calling, "VESALIUS"));
        cleanup.add(as::abort);
        return as;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // hang guard only
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void connectionsBeyondThePendingLimitAreClosedAtOnceAndArtimFreesTheSilentOnes() throws Exception {
        DicomServer server = start(DicomServer.builder(Peers.ae().build(), Peers.verificationScp()).maxPendingConnections(3));
        List<Peers.Raw> silent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Peers.Raw raw = new Peers.Raw(server.port());
            cleanup.add(raw);
            silent.add(raw);
        }
        // one of them slow: half an A-ASSOCIATE-RQ header, then nothing
        silent.get(2).sendBytes(new byte[] {1, 0, 0});
        await("3 pending", () -> server.pendingConnections() == 3);
        try (Peers.Raw fourth = new Peers.Raw(server.port())) {
            fourth.send(Peers.rawRequest("LATE", "VESALIUS"));
            assertThat(fourth.closedByPeer()).as("closed without an answer").isTrue();
        }
        // ARTIM (2 s here) closes the silent and the slow one alike; then requests are answered again
        for (Peers.Raw raw : silent) {
            assertThat(raw.closedByPeer()).isTrue();
        }
        await("none pending", () -> server.pendingConnections() == 0);
        Association as = connect(server, "SCU");
        assertThat(Peers.echo(as)).isZero();
        as.release();
    }

    @Test
    void readersRunOnABoundedPoolOfPlatformThreadsThatAlsoBoundsAssociations() throws Exception {
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        MessageHandler recording = new MessageHandler() {
            @Override
            public void onEstablished(Association association) {
                readers.add(Thread.currentThread());
            }

            @Override
            public void onMessage(Association association, IncomingMessage message) {
            }
        };
        DicomServer server = start(DicomServer.builder(Peers.ae().build(), recording)
                .readerThreads(2, Duration.ofSeconds(1)));
        assertThat(server.maxAssociations()).isEqualTo(2);
        Association a = connect(server, "A");
        connect(server, "B");
        AAssociateRj rj = rejection(server, "C");
        assertThat(rj).isEqualTo(AAssociateRj.LOCAL_LIMIT_EXCEEDED);
        a.release();
        await("one association", () -> server.activeAssociations() == 1);
        connect(server, "C").release();
        assertThat(readers).isNotEmpty().allSatisfy(t -> {
            assertThat(t.isVirtual()).isFalse();
            assertThat(t.getName()).startsWith("dicom-reader-");
        });
        assertThat(server.readerThreadsAlive()).isBetween(1, 2);
    }

    @Test
    void theAssociationLimitBelowThePoolStillApplies() throws Exception {
        DicomServer server = start(DicomServer.builder(Peers.ae().maxAssociations(1, 0).build(), Peers.verificationScp())
                .readerThreads(4, Duration.ofSeconds(1)));
        assertThat(server.maxAssociations()).isEqualTo(1);
        connect(server, "A");
        assertThat(rejection(server, "B")).isEqualTo(AAssociateRj.LOCAL_LIMIT_EXCEEDED);
    }

    private AAssociateRj rejection(DicomServer server, String calling) {
        try {
            connect(server, calling);
        } catch (AssociationRejectedException e) {
            return e.reject();
        } catch (IOException e) {
            throw new AssertionError("expected a rejection, got " + e, e);
        }
        throw new AssertionError("expected a rejection");
    }

    /** Thrown by a handler: an Error, not an exception, must free the association's slot as well. */
    static final class InjectedError extends Error {
        InjectedError() {
            super("injected", null, false, false);
        }
    }

    /**
     * Every way a connection ends, with and without a reader pool: release, abort by the peer,
     * idle timeout, the peer closing TCP, a handler throwing an exception or an Error, a
     * rejection (per calling AE), ARTIM, garbage. Afterwards every count is 0 and the process has
     * exactly the file descriptors and "dicom-" platform threads it had before.
     */
    @ParameterizedTest(name = "reader threads {0}")
    @ValueSource(ints = {0, 3})
    void everyWayOfEndingGivesBackCountsThreadsAndFileDescriptors(int readerThreads) throws Exception {
        long fdsBefore = openFileDescriptors();
        long threadsBefore = dicomPlatformThreads();
        MessageHandler handler = new MessageHandler() {
            @Override
            public void onEstablished(Association association) {
                if (association.callingAeTitle().equals("THROWS")) {
                    throw new IllegalStateException("injected");
                }
            }

            @Override
            public void onMessage(Association association, IncomingMessage message) {
                if (association.callingAeTitle().equals("ERROR")) {
                    throw new InjectedError();
                }
            }
        };
        ApplicationEntity ae = Peers.ae().maxAssociations(0, 1)
                .options(Peers.quick().withIdleTimeout(Duration.ofMillis(500), IdleAction.RELEASE)).build();
        DicomServer.Builder builder = DicomServer.builder(ae, handler);
        if (readerThreads > 0) {
            builder.readerThreads(readerThreads, Duration.ofMillis(200));
        }
        DicomServer server = builder.port(0).start();
        try {
            connect(server, "RELEASE").release();
            connect(server, "ABORT").abort();
            Association idle = connect(server, "IDLE");
            assertThat(idle.awaitEnd(Duration.ofSeconds(60))).isTrue();
            try (Peers.Raw raw = new Peers.Raw(server.port())) {
                raw.send(Peers.rawRequest("VANISHES", "VESALIUS"));
                assertThat(raw.read()).isInstanceOf(AAssociateAc.class);
            } // TCP closed without release
            Association throwing = connect(server, "THROWS");
            assertThat(throwing.awaitEnd(Duration.ofSeconds(60))).isTrue();
            Association error = connect(server, "ERROR");
            error.send(1, Peers.COMMAND_WITHOUT_DATA, null);
            assertThat(error.awaitEnd(Duration.ofSeconds(60))).isTrue();
            Association holder = connect(server, "ONCE");
            assertThat(rejection(server, "ONCE")).isEqualTo(AAssociateRj.LOCAL_LIMIT_EXCEEDED);
            holder.release();
            try (Peers.Raw silent = new Peers.Raw(server.port())) {
                assertThat(silent.closedByPeer()).isTrue(); // ARTIM
            }
            try (Peers.Raw garbage = new Peers.Raw(server.port())) {
                garbage.sendBytes("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                garbage.read(); // A-ABORT
            }
            await("no association, no connection", () -> server.activeAssociations() == 0
                    && server.pendingConnections() == 0 && server.openConnections() == 0);
            connect(server, "ONCE").release(); // the per-AE slot is free again
            await("reader threads idle out", () -> server.readerThreadsAlive() == 0);
        } finally {
            server.close();
        }
        await("file descriptors as before", () -> openFileDescriptors() == fdsBefore);
        await("dicom- platform threads as before", () -> dicomPlatformThreads() == threadsBefore);
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Platform threads only: virtual threads are not listed, and cost nothing once ended. */
    private static long dicomPlatformThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("dicom-")).count();
    }
}
