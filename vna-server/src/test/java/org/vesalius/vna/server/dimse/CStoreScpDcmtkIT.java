package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * dcmtk's storescu sends every shared sample with a File Meta to the server's C-STORE SCP, each
 * proposing exactly its own SOP Class and transfer syntax; the same send to dcmtk's storescp
 * ({@code +B}: the data set bit for bit as it crossed the wire) is the reference. Every instance
 * the server accepts is stored with exactly those data set bytes behind its File Meta; every one it
 * refuses leaves nothing behind. Skipped without dcmtk or the shared samples.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CStoreScpDcmtkIT {

    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        root = ServerTestSupport.tempBlobRoot(registry);
    }

    @Autowired
    DicomListener listener;

    record Sample(Path path, String sopClass, String transferSyntax) {
    }

    @Test
    void everySampleIsStoredWithTheDataSetBytesAsSentOrRefusedLeavingNothing() throws Exception {
        org.vesalius.testsupport.peers.Dcmtk.require("storescu", "storescp");
        SharedSamples.require(s -> true);
        List<Sample> samples = samples();
        Path work = Files.createTempDirectory("vna-cstore-it");
        Path incoming = Files.createDirectories(work.resolve("incoming"));
        int baselinePort = freePort();
        Process storescp = new ProcessBuilder("storescp", "-aet", "BASELINE", "-od", incoming.toString(), "+B", "-F", "+xa",
                String.valueOf(baselinePort)).redirectErrorStream(true).redirectOutput(work.resolve("storescp.log").toFile()).start();
        int stored = 0;
        int refused = 0;
        List<String> problems = new ArrayList<>();
        try {
            awaitListening(baselinePort, storescp);
            int i = 0;
            for (Sample s : samples) {
                Path cfg = config(work, s, i++);
                if (!delivered(storescu(baselinePort, "BASELINE", cfg, s.path()))) {
                    clear(incoming);
                    continue; // dcmtk cannot send it to itself either
                }
                List<Path> wire = files(incoming);
                byte[] dataSet = Files.readAllBytes(wire.get(0));
                clear(incoming);
                String sop = sopInstanceUid(s.path());
                List<Path> before = instances(sop);
                String out = storescu(listener.port(), "VESALIUS", cfg, s.path());
                List<Path> after = instances(sop);
                if (delivered(out)) {
                    stored++;
                    assertThat(after).as(s.path() + ": success, yet no blob").isNotEmpty();
                    byte[] blob = Files.readAllBytes(after.get(after.size() - 1));
                    if (!Arrays.equals(Arrays.copyOfRange(blob, Math.max(0, blob.length - dataSet.length), blob.length), dataSet)
                            || dataSetOffset(blob) != blob.length - dataSet.length) {
                        problems.add(s.path() + ": stored data set differs from the wire");
                    }
                } else {
                    refused++;
                    assertThat(out).as(s.path().toString()).containsPattern("Store Response \\(.*(A7|A9|C0|0110|Failure|Error)");
                    assertThat(after).as(s.path() + ": refused, yet something changed").isEqualTo(before);
                }
            }
        } finally {
            storescp.destroy();
            storescp.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(problems).isEmpty();
        assertThat(stored).as("instances stored (refused: %d)", refused).isGreaterThan(samples.size() / 2);
        try (Stream<Path> staged = Files.list(root.resolve(".staging"))) {
            assertThat(staged.toList()).isEmpty();
        }
    }

    /** The shared samples a C-STORE can propose exactly (File Meta naming both UIDs, no DICOMDIR). */
    static List<Sample> samples() {
        return SharedSamples.select(SharedSamples.Sample::storable).stream()
                .map(s -> new Sample(s.path(), s.sopClassUid(), s.transferSyntaxUid())).toList();
    }

    private static Path config(Path work, Sample s, int i) throws IOException {
        Path cfg = work.resolve(i + ".cfg");
        Files.writeString(cfg, """
                [[TransferSyntaxes]]
                [TS]
                TransferSyntax1 = %s
                [[PresentationContexts]]
                [PC]
                PresentationContext1 = %s\\TS
                [[Profiles]]
                [One]
                PresentationContexts = PC
                """.formatted(s.transferSyntax(), s.sopClass()));
        return cfg;
    }

    private static String storescu(int port, String calledAe, Path cfg, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("storescu", "-v", "-aet", "STORESCU", "-aec", calledAe, "--config-file", cfg.toString(),
                "One", "127.0.0.1", String.valueOf(port), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static boolean delivered(String storescuOutput) {
        return storescuOutput.matches("(?s).*Received Store Response \\((Success|Warning).*");
    }

    /** The data set's SOP Instance UID (what the command carries; the File Meta's may differ). */
    private static String sopInstanceUid(Path file) throws IOException {
        try (DicomStreamReader r = DicomStreamReader.open(file, ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            return DatasetBuilder.build(r, new Dataset()).getString(0x00080018, "");
        }
    }

    /** Where the data set starts: after preamble, "DICM" and the File Meta, whose group length (0002,0000) we wrote. */
    private static long dataSetOffset(byte[] blob) {
        assertThat(new String(blob, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        assertThat(blob[132] == 2 && blob[133] == 0 && blob[134] == 0 && blob[135] == 0).as("(0002,0000) first").isTrue();
        long groupLength = (blob[140] & 0xFFL) | (blob[141] & 0xFFL) << 8 | (blob[142] & 0xFFL) << 16 | (blob[143] & 0xFFL) << 24;
        return 144 + groupLength;
    }

    private static List<Path> instances(String sop) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".dcm") && (name.equals(sop + ".dcm") || name.startsWith(sop + ".v"));
            }).sorted().toList();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static void clear(Path dir) throws IOException {
        for (Path p : files(dir)) {
            Files.delete(p);
        }
    }


    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits (bounded by the test's own timeout, no timing assertion) until storescp accepts connections. */
    private static void awaitListening(int port, Process process) throws Exception {
        while (process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("storescp exited: " + process.exitValue());
    }
}
