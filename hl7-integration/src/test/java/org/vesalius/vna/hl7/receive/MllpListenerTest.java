package org.vesalius.vna.hl7.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.testsupport.Prerequisites;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.update.UpdateResult;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.adt.PatientIdentities;
import org.vesalius.vna.hl7.log.FileMessageLog;
import org.vesalius.vna.hl7.message.Hl7Reader;

/**
 * The MLLP listener on a real socket: Debian's {@code mllp_send} (python3-hl7) as the independent
 * sender, and raw sockets for what no well-behaved sender does (the update port records).
 */
class MllpListenerTest {

    private static final byte START = 0x0B;
    private static final byte[] END = {0x1C, 0x0D};
    private static final String A08 = "MSH|^~\\&|RIS|HOSP|VNA|HOSP|20261207100000||ADT^A08^ADT_A01|%s|P|2.5.1\rEVN|A08\r"
            + "PID|1||P1^^^HOSP||Doe^Jane||19800101|F\r";

    @TempDir
    Path dir;

    private final List<PatientUpdate> updates = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private FileMessageLog log;
    private MllpListener listener;
    private int port;
    private boolean admit = true;

    @BeforeEach
    void start() throws IOException {
        UpdatePort recording = update -> {
            updates.add(update);
            return new UpdateResult("1", Instant.now());
        };
        log = FileMessageLog.open(dir.resolve("log"));
        MessageIntake intake = new MessageIntake(new Hl7Reader(), log, new AdtFeed(recording, PatientIdentities.anyAuthority()),
                Clock.systemUTC());
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        listener = MllpListener.start(new MllpSettings("127.0.0.1", port, 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(2), 4),
                intake, peer -> admit, refused::add);
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (log != null) {
            log.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static byte[] framed(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(START);
        out.writeBytes(message.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(END);
        return out.toByteArray();
    }

    /** The next framed answer, or null when the connection closed or was reset first. */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 0x1C) {
                    return out.toString(StandardCharsets.ISO_8859_1).replace("\u000b", "");
                }
                out.write(b);
            }
            return null;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            return null;
        }
    }

    @Test
    void mllpSendGetsAnAcceptOnceAndTheSameAnswerForARepeat() throws Exception {
        Prerequisites.requireCommand("mllp_send", "Debian package python3-hl7");
        Path file = dir.resolve("a08.hl7");
        Files.writeString(file, String.format(A08, "MS1").replace("\r", "\n"), StandardCharsets.ISO_8859_1);
        String first = mllpSend(file);
        String second = mllpSend(file);
        assertThat(first).contains("MSA|AA|MS1");
        assertThat(second).contains("MSA|AA|MS1");
        assertThat(updates).hasSize(1);
    }

    private String mllpSend(Path file) throws Exception {
        Process p = new ProcessBuilder("mllp_send", "--loose", "-p", String.valueOf(port), "-f", file.toString(), "127.0.0.1")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).replace('\n', '\r');
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void garbageBeforeAFrameIsSkippedAndTheMessageAnswered() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(framed(String.format(A08, "G1")));
            out.flush();
            assertThat(answer(socket)).contains("MSA|AA|G1");
        }
        assertThat(updates).hasSize(1);
    }

    @Test
    void aFrameCutShortOrDroppedMidMessageAppliesNothing() throws Exception {
        byte[] whole = framed(String.format(A08, "CUT1"));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(whole, 0, whole.length - 2); // no end block
            socket.shutdownOutput();
            assertThat(answer(socket)).isNull();
        }
        try (Socket socket = connect()) {
            socket.getOutputStream().write(whole, 0, whole.length / 2);
        } // dropped mid-message
        try (Socket socket = connect()) {
            socket.getOutputStream().write(whole, 0, whole.length / 2);
            Thread.sleep(3_500); // longer than the read timeout between two reads
            assertThat(answer(socket)).as("a sender that stalls mid-message is cut off").isNull();
        }
        Thread.sleep(500);
        assertThat(updates).isEmpty();
        assertThat(log.recent(10)).isEmpty();
    }

    @Test
    void aSlowSenderWithinTheReadTimeoutIsServed() throws Exception {
        byte[] whole = framed(String.format(A08, "SLOW1"));
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < whole.length; i += 20) {
                out.write(whole, i, Math.min(20, whole.length - i));
                out.flush();
                Thread.sleep(100);
            }
            assertThat(answer(socket)).contains("MSA|AA|SLOW1");
        }
    }

    @Test
    void aMessageLargerThanTheLimitGetsItsConnectionClosedAndIsNotApplied() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(START);
            byte[] chunk = ("OBX|1|TX|||" + "x".repeat(8_000) + "\r").getBytes(StandardCharsets.US_ASCII);
            out.write(String.format(A08, "BIG1").getBytes(StandardCharsets.US_ASCII));
            try {
                for (int sent = 0; sent < 50 * 1024 * 1024; sent += chunk.length) {
                    out.write(chunk);
                }
                out.write(END);
                out.flush();
                assertThat(answer(socket)).isNull();
            } catch (IOException reset) {
                // refused while still sending: what a closed connection looks like from here
            }
        }
        assertThat(updates).isEmpty();
        // The listener still serves the next sender.
        try (Socket socket = connect()) {
            socket.getOutputStream().write(framed(String.format(A08, "AFTER1")));
            assertThat(answer(socket)).contains("MSA|AA|AFTER1");
        }
    }

    @Test
    void theSendersAddressIsReadFromWhatCamelMllpReports() {
        assertThat(MllpRoutes.peerOf("/10.1.2.3:40000")).isEqualTo("10.1.2.3");
        assertThat(MllpRoutes.peerOf("/[0:0:0:0:0:0:0:1]:40000")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(MllpRoutes.peerOf("")).isEmpty();
    }

    @Test
    void aSenderFromAnAddressNotAdmittedIsCutOffAndReported() throws Exception {
        admit = false;
        try (Socket socket = connect()) {
            socket.getOutputStream().write(framed(String.format(A08, "NO1")));
            assertThat(answer(socket)).isNull();
        }
        assertThat(updates).isEmpty();
        assertThat(refused).containsExactly("127.0.0.1");
    }
}
