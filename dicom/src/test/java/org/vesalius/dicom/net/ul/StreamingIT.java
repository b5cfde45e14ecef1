package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Data sets streamed both ways through our requestor and our acceptor: PDV cutting to the peer's
 * maximum length for sizes from 4 KiB to 1 MiB, and many associations at once.
 */
class StreamingIT {

    /** What came back: length and SHA-256 of a data set. */
    record Received(long length, String sha256) {
    }

    /** Acceptor handler: sends every data set back as it reads it; remembers the bytes it sent. */
    static final class EchoBack implements MessageHandler {
        final CompletableFuture<Long> sentBytes = new CompletableFuture<>();

        @Override
        public void onMessage(Association association, IncomingMessage message) throws IOException {
            if (!message.hasDataSet()) {
                association.send(message.presentationContextId(), Peers.COMMAND_WITHOUT_DATA, null);
                return;
            }
            long before = association.upperLayer().transport().bytesOut();
            association.send(message.presentationContextId(), Peers.COMMAND_WITH_DATA,
                    out -> message.dataSet().transferTo(out));
            sentBytes.complete(association.upperLayer().transport().bytesOut() - before);
        }
    }

    /** Requestor handler: digests each data set that arrives. */
    static final class Digest implements MessageHandler {
        final CompletableFuture<Received> received = new CompletableFuture<>();

        @Override
        public void onMessage(Association association, IncomingMessage message) throws IOException {
            received.complete(digest(message.dataSet()));
        }
    }

    static Received digest(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long n = new DigestInputStream(in, sha).transferTo(OutputStreamSink.INSTANCE);
            return new Received(n, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] data(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Bytes on the wire for one message cut into PDUs of at most maxPdu: data plus 12 header bytes per PDU. */
    static long wireBytes(int commandLength, long dataLength, long maxPdu) {
        long fragment = maxPdu - 6;
        return commandLength + 12L * Math.max(1, (commandLength + fragment - 1) / fragment)
                + dataLength + 12L * Math.max(1, (dataLength + fragment - 1) / fragment);
    }

    @ParameterizedTest(name = "requestor receives {0}, acceptor receives {1}")
    @CsvSource({"4096, 1048576", "1048576, 4096", "16378, 16378", "65536, 4096", "1048576, 1048576", "4096, 4096"})
    void fiveMegabytesBothWays(long requestorMax, long acceptorMax) throws Exception {
        int length = 5_000_000 + 7;
        byte[] payload = data(length, requestorMax * 31 + acceptorMax);
        Received expected = digest(new java.io.ByteArrayInputStream(payload));
        EchoBack echo = new EchoBack();
        ApplicationEntity ae = Peers.ae().options(Peers.quick().withMaxPduLengthReceive(acceptorMax)).build();
        try (DicomServer server = DicomServer.builder(ae, echo).port(0).start()) {
            Digest digest = new Digest();
            DicomClient client = DicomClient.builder().options(Peers.quick().withMaxPduLengthReceive(requestorMax)).build();
            Association as = client.connect("localhost", server.port(), Peers.request("STREAMER", "VESALIUS"), digest);
            assertThat(as.peerMaxPduLength()).isEqualTo(acceptorMax);
            assertThat(as.maxPduLengthSend()).isEqualTo(acceptorMax);
            int pc = as.acceptedContext(Peers.CT_IMAGE_STORAGE).orElseThrow().id();

            long before = as.upperLayer().transport().bytesOut();
            as.send(pc, Peers.COMMAND_WITH_DATA, out -> out.write(payload));
            long sent = as.upperLayer().transport().bytesOut() - before;

            Received back = digest.received.get(60, TimeUnit.SECONDS);
            assertThat(back).isEqualTo(expected);
            // Exactly as many bytes as cutting at the peer's limit gives: every PDU but the last is full.
            assertThat(sent).isEqualTo(wireBytes(Peers.COMMAND_WITH_DATA.length, length, acceptorMax));
            assertThat(echo.sentBytes.get(10, TimeUnit.SECONDS))
                    .isEqualTo(wireBytes(Peers.COMMAND_WITH_DATA.length, length, requestorMax));
            as.release();
        }
    }

    @Test
    void fiftyAssociationsAtOnce() throws Exception {
        int count = 50;
        ApplicationEntity ae = Peers.ae().build();
        try (DicomServer server = DicomServer.builder(ae, new EchoBack()).port(0).start();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            DicomClient client = Peers.client();
            List<Future<Received>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    Digest digest = new Digest();
                    Association as = client.connect("localhost", server.port(), Peers.request("SCU" + n, "VESALIUS"), digest);
                    byte[] payload = data(256 * 1024 + n, n);
                    as.send(as.acceptedContext(Peers.CT_IMAGE_STORAGE).orElseThrow().id(), Peers.COMMAND_WITH_DATA,
                            out -> out.write(payload));
                    Received back = digest.received.get(60, TimeUnit.SECONDS);
                    as.release();
                    assertThat(back).isEqualTo(digest(new java.io.ByteArrayInputStream(payload)));
                    return back;
                }));
            }
            for (Future<Received> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS).length()).isGreaterThanOrEqualTo(256 * 1024);
            }
        }
    }

    @Test
    void fiftyEchoesAtOnce() throws Exception {
        ApplicationEntity ae = Peers.ae().build();
        try (DicomServer server = DicomServer.builder(ae, Peers.verificationScp()).port(0).start();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                statuses.add(pool.submit(() -> {
                    try (Association as = Peers.dimse().connect("localhost", server.port(),
                            Peers.request("ECHO" + n, "VESALIUS"))) {
                        return Peers.echo(as);
                    }
                }));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(120, TimeUnit.SECONDS)).isZero();
            }
        }
    }

    /** Discards what is written. */
    static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
