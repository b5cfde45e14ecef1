package org.vesalius.vna.hl7.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import ca.uhn.hl7v2.preparser.PreParser;
import org.vesalius.testsupport.Prerequisites;
import org.vesalius.testsupport.samples.SharedData;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.update.UpdateResult;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.adt.PatientIdentities;
import org.vesalius.vna.hl7.log.FileMessageLog;
import org.vesalius.vna.hl7.message.Hl7Reader;
import org.vesalius.vna.hl7.orders.OrderFeed;
import org.vesalius.vna.hl7.orders.OrderSettings;
import org.vesalius.vna.hl7.tool.Hl7Send;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;

/**
 * Every file of {@code ../shared/hl7v2-samples/} over MLLP, by two independent senders: HAPI's
 * client ({@code vna hl7 send}) and Debian's {@code mllp_send} (for files it can read: no byte
 * order mark, the default delimiters). The acknowledgement of each file's first message is what
 * its MANIFEST row implies: accepted for a supported ADT event of a supported version and for an
 * imaging order (ORM^O01, OMI^O23 with ORC and OBR; an order without OBR is not one, 100); 203 for
 * another version, 201 for another event, 200 for another message type; never an accept for
 * a malformed file (those are sent as raw bytes, framed, since no well-behaved client sends them).
 * The update port here only records; nothing is applied from a refused message.
 */
class SharedSamplesOverMllpTest {

    private static final Set<String> APPLIED = Set.of("A01", "A04", "A05", "A08", "A24", "A28", "A31", "A37", "A39", "A40", "A47");

    private static Path dir;
    private static int sample;
    private FileMessageLog log;
    private MllpListener listener;
    private int port;

    @BeforeAll
    static void require() throws IOException {
        SharedData.require("hl7v2-samples/MANIFEST.tsv");
        dir = Files.createTempDirectory("hl7-samples-");
    }

    /**
     * A listener of its own for each sample, with an empty log: samples of one source reuse their
     * sender and control ID (MSG00001 for dozens of messages), which one archive would refuse (205).
     */
    private void start() throws IOException {
        UpdatePort recording = new UpdatePort() {
            @Override
            public UpdateResult update(org.vesalius.vna.archive.api.update.PatientUpdate update) {
                return new UpdateResult("1", Instant.now());
            }

            @Override
            public void link(org.vesalius.vna.archive.api.PatientId a, org.vesalius.vna.archive.api.PatientId b, String source) {
            }

            @Override
            public boolean unlink(org.vesalius.vna.archive.api.PatientId a, org.vesalius.vna.archive.api.PatientId b, String source) {
                return true;
            }
        };
        log = FileMessageLog.open(dir.resolve("log-" + (++sample)));
        MessageIntake intake = new MessageIntake(new Hl7Reader(), log, new AdtFeed(recording, PatientIdentities.anyAuthority()),
                new OrderFeed(new RecordingWorklist(), PatientIdentities.anyAuthority(), OrderSettings.defaults(), Clock.systemUTC()),
                Clock.systemUTC(), message -> { });
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        listener = MllpListener.start(new MllpSettings("127.0.0.1", port, 4 * 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(5), 4),
                intake, peer -> true, peer -> { });
    }

    private void stop() {
        listener.close();
        log.close();
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A worklist that holds what it is given, in memory. */
    private static final class RecordingWorklist implements WorklistPort {
        private final java.util.Map<String, WorklistItem> items = new java.util.HashMap<>();

        @Override
        public WorklistItem schedule(WorklistItem item) {
            items.put(item.id(), item);
            return item;
        }

        @Override
        public java.util.Optional<WorklistItem> item(String id) {
            return java.util.Optional.ofNullable(items.get(id));
        }

        @Override
        public List<WorklistItem> find(WorklistQuery query) {
            return List.copyOf(items.values());
        }
    }

    /** One MANIFEST row: the file, MSH-9, MSH-12, segments, features. */
    private record Sample(Path file, String type, String version, String segments, String features) {

        boolean malformed() {
            return features.contains("MALFORMED") || features.contains("no MSH");
        }

        /** The acknowledgement code and ERR-3 expected for the first message, e.g. {@code AA} or {@code AR 203}. */
        String expected() {
            String[] parts = type.split("[^A-Za-z0-9_]"); // whatever the file's component separator
            String event = parts.length > 1 ? parts[1] : "";
            if (!Hl7Reader.VERSIONS.contains(version)) {
                return "AR 203";
            }
            if (parts[0].equals("ORM") || parts[0].equals("OMI")) {
                if (!event.equals(parts[0].equals("ORM") ? "O01" : "O23")) {
                    return "AR 201";
                }
                // An imaging order is an ORC with its OBR; an ORC alone (a diet order's ODS) is not one.
                List<String> ids = List.of(segments.split(","));
                return ids.contains("ORC") && ids.contains("OBR") ? "AA" : "AE 100";
            }
            if (!parts[0].equals("ADT")) {
                return "AR 200";
            }
            return APPLIED.contains(event) ? "AA" : "AR 201";
        }
    }

    private static List<Sample> samples() throws IOException {
        Path root = SharedData.require("hl7v2-samples");
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8).subList(1,
                Files.readAllLines(root.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8).size())) {
            String[] f = line.split("\t", -1);
            samples.add(new Sample(root.resolve(f[0]), f[3], f[4], f[6], f[7]));
        }
        return samples;
    }

    @TestFactory
    Stream<DynamicTest> everySampleGetsTheAcknowledgementItsManifestImplies() throws IOException {
        return samples().stream().map(s -> DynamicTest.dynamicTest(s.file().getParent().getFileName() + "/" + s.file().getFileName(), () -> {
            start();
            try {
                check(s);
            } finally {
                stop();
            }
        }));
    }

    private void check(Sample s) throws Exception {
        {
            if (s.malformed()) {
                String answer = rawSend(Files.readAllBytes(s.file()));
                assertThat(answer == null ? "(closed)" : code(answer)).as(s.file() + ": " + answer).isNotIn("AA", "CA");
                return;
            }
            // Enhanced mode (MSH-15 set) answers with the commit codes; a message without control ID is refused for that first.
            String expected = controlIdOf(s.file()).isEmpty() ? "AR 101" : s.expected();
            String hapi = hapiSend(s.file());
            if (!hapi.startsWith("not sent")) { // HAPI's client sends only what HAPI parses
                assertThat(normalised(hapi)).as("HAPI's client, " + s.file() + ": " + hapi).startsWith(expected);
            }
            if (mllpSendCanRead(s.file())) {
                Prerequisites.requireCommand("mllp_send", "Debian package python3-hl7");
                String answer = mllpSend(s.file());
                assertThat(normalised(code(answer) + errCode(answer))).as("mllp_send, " + s.file() + ": " + answer).startsWith(expected);
            }
        }
    }

    private static String controlIdOf(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        try {
            String[] fields = PreParser.getFields(Hl7Reader.normalizedText(raw), "MSH-10");
            return fields[0] == null ? "" : fields[0].strip();
        } catch (ca.uhn.hl7v2.HL7Exception e) {
            return "";
        }
    }

    private static String normalised(String codes) {
        return codes.replace("CA", "AA").replace("CR", "AR").replace("CE", "AE");
    }

    /** HAPI's client: "CODE CONTROLID [ERR code text]" of the first message. */
    private String hapiSend(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Hl7Send.run(new String[] {"--port", String.valueOf(port), file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String first = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (first.contains(": not sent")) {
            return "not sent";
        }
        if (first.startsWith("vna hl7 send:")) {
            return first;
        }
        String[] words = first.substring(first.indexOf(": ") + 2).split(" ");
        int err = List.of(words).indexOf("ERR");
        return words[0] + (err >= 0 && err + 1 < words.length ? " " + words[err + 1] : "");
    }

    private static boolean mllpSendCanRead(Path file) throws IOException {
        byte[] head = Files.readAllBytes(file);
        return new String(head, 0, Math.min(9, head.length), StandardCharsets.ISO_8859_1).equals("MSH|^~\\&|");
    }

    private String mllpSend(Path file) throws Exception {
        Process p = new ProcessBuilder("mllp_send", "--loose", "-p", String.valueOf(port), "-f", file.toString(), "127.0.0.1")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).replace('\n', '\r');
    }

    /** MSA-1 of the first acknowledgement in {@code answer}, in its own delimiters. */
    private static String code(String answer) {
        int msa = answer.indexOf("MSA");
        return msa < 0 || msa + 6 > answer.length() ? "(none)" : answer.substring(msa + 4, msa + 6);
    }

    /** " " + ERR-3-1 of the first acknowledgement, or "". */
    private static String errCode(String answer) {
        int err = answer.indexOf("\rERR");
        if (err < 0) {
            return "";
        }
        int msh = answer.indexOf("MSH");
        String field = String.valueOf(answer.charAt(msh + 3));
        String component = String.valueOf(answer.charAt(msh + 4));
        String[] fields = answer.substring(err + 1).split("\r")[0].split(Pattern.quote(field));
        return fields.length > 3 ? " " + fields[3].split(Pattern.quote(component))[0] : "";
    }

    /** The bytes framed as they are, on a socket of their own; the answer, or null when the connection closed first. */
    private String rawSend(byte[] message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            ByteArrayOutputStream framed = new ByteArrayOutputStream();
            framed.write(0x0B);
            framed.writeBytes(message);
            framed.write(0x1C);
            framed.write(0x0D);
            socket.getOutputStream().write(framed.toByteArray());
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != 0x1C) {
                answer.write(b);
            }
            return b < 0 ? null : answer.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException reset) {
            return null;
        }
    }
}
