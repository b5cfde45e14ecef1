package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * The listener's limits seen from dcmtk: the association beyond the total or per-calling-AE limit
 * is rejected (2, 3, 2) and echoscu says so; connections that never send an A-ASSOCIATE-RQ are
 * bounded and closed by ARTIM; an identifier beyond its cap gets C000; and 200 concurrent storescu
 * runs are each either stored or rejected in protocol terms, leaving no association, connection,
 * reader thread or file descriptor behind. Waits are hang guards, never timing assertions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DimseLimitsIT {

    private static final int MAX_ASSOCIATIONS = 8;
    private static final int MAX_PER_CALLING_AE = 2;
    private static final int MAX_PENDING = 250;
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        root = ServerTestSupport.tempBlobRoot(registry);
        registry.add("vna.dicom.max-associations", () -> MAX_ASSOCIATIONS);
        registry.add("vna.dicom.max-associations-per-calling-ae", () -> MAX_PER_CALLING_AE);
        registry.add("vna.dicom.max-pending-connections", () -> MAX_PENDING);
        registry.add("vna.dicom.reader-threads", () -> MAX_ASSOCIATIONS);
        registry.add("vna.dicom.reader-thread-keep-alive", () -> "1s");
        registry.add("vna.dicom.artim-timeout", () -> "10s"); // the default: long enough for 250 sockets to be opened
        registry.add("vna.dicom.max-identifier-size", () -> "64KB");
        registry.add("vna.dicom.max-identifier-elements", () -> "100");
    }

    @Autowired
    DicomListener listener;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        await("nothing open", () -> listener.activeAssociations() == 0 && listener.pendingConnections() == 0);
    }

    private Association hold(String callingAe) throws IOException {
        Association as = DimseClient.of(DicomClient.builder().build()).connect("127.0.0.1", listener.port(),
                AssociationRequest.builder(callingAe, "VESALIUS").propose(UID.Verification, UID.ImplicitVRLittleEndian).build());
        cleanup.add(as::abort);
        return as;
    }

    private Dcmtk.Result echoscu(String callingAe) throws Exception {
        return Dcmtk.run(List.of("echoscu", "-aet", callingAe, "-aec", "VESALIUS", "127.0.0.1", String.valueOf(listener.port())));
    }

    private static void assertRejectedTransient(Dcmtk.Result r) {
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("Association Rejected").contains("Rejected Transient")
                .contains("Service Provider (Presentation").contains("Local Limit Exceeded");
    }

    @Test
    void theAssociationBeyondTheTotalLimitIsRejectedTransiently() throws Exception {
        Dcmtk.require("echoscu");
        for (int i = 0; i < MAX_ASSOCIATIONS; i++) {
            hold("HOLDER" + i);
        }
        assertRejectedTransient(echoscu("ONE_TOO_MANY"));
    }

    @Test
    void theAssociationBeyondThePerCallingAeLimitIsRejectedTransiently() throws Exception {
        Dcmtk.require("echoscu");
        for (int i = 0; i < MAX_PER_CALLING_AE; i++) {
            hold("MODALITY");
        }
        assertRejectedTransient(echoscu("MODALITY"));
        assertThat(echoscu("OTHER").ok()).as("another calling AE is still served").isTrue();
    }

    @Test
    void silentConnectionsAreBoundedAndClosedByArtim() throws Exception {
        Dcmtk.require("echoscu");
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < MAX_PENDING; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.port());
            s.setSoTimeout(60_000); // hang guard only
            cleanup.add(s);
            silent.add(s);
        }
        await(MAX_PENDING + " pending", () -> listener.pendingConnections() == MAX_PENDING);
        Dcmtk.Result refused = echoscu("LATE");
        assertThat(refused.exitCode()).as("closed before its request was read").isNotZero();
        for (Socket s : silent) {
            assertThat(s.getInputStream().read()).as("closed by ARTIM").isEqualTo(-1);
        }
        await("none pending", () -> listener.pendingConnections() == 0);
        assertThat(echoscu("LATE").ok()).isTrue();
    }

    @Test
    void anIdentifierBeyondItsCapGetsC000WithAComment() throws Exception {
        Dcmtk.require("findscu");
        Dataset query = new Dataset();
        query.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        query.setBytes(Tags.StudyInstanceUID, VR.UI, new byte[0]);
        Sequence items = query.newSequence(Tags.ReferencedSeriesSequence, 500);
        for (int i = 0; i < 500; i++) {
            items.addItem();
        }
        Path file = Files.createTempFile("vna-identifier-", ".dcm");
        cleanup.add(() -> Files.deleteIfExists(file));
        try (var out = Files.newOutputStream(file)) {
            DicomWriter.writeFile(DicomFile.of(query, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        }
        Dcmtk.Result r = Dcmtk.run(List.of("findscu", "-d", "-S", "-aet", "FINDSCU", "-aec", "VESALIUS", "127.0.0.1",
                String.valueOf(listener.port()), file.toString()));
        // -d prints the response's status and its details, Error Comment (0000,0902) included
        assertThat(r.stdout() + r.stderr()).contains("DIMSE Status                  : 0xc000: Failed: Unable to process")
                .contains("(0000,0902) LO [identifier has more than 100 elements and items ]");
    }

    /**
     * 200 storescu at once, 20 calling AE titles: each instance is either stored (success) or its
     * association rejected (2, 3, 2); nothing else. Afterwards no accepted socket and no file of
     * the blob store is held open, and the "dicom-" platform threads are those of before.
     */
    @Test
    void twoHundredConcurrentStorescuRunsAreStoredOrRejectedInProtocolTerms() throws Exception {
        Dcmtk.require("storescu");
        Path work = Files.createTempDirectory("vna-limits-load-");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path f = work.resolve("i" + i + ".dcm");
            Files.write(f, TestObjects.part10(TestObjects.ct(sop(i), "LOAD", null, 2048, i)));
            files.add(f);
        }
        await("no reader thread left from before", () -> threads("dicom-reader-") == 0);
        long threadsBefore = threads("dicom-");
        long blobFilesBefore = openFilesUnder(root); // the store's root lock, held while it is open
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            ProcessBuilder pb = new ProcessBuilder("storescu", "-v", "-aet", "LOAD" + (i % 20), "-aec", "VESALIUS",
                    "127.0.0.1", String.valueOf(listener.port()), files.get(i).toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("i" + i + ".log").toFile());
            pb.environment().put("TCP_NODELAY", "1");
            processes.add(pb.start());
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.waitFor(5, TimeUnit.MINUTES)) { // hang guard only
                p.destroyForcibly();
            }
            String log = Files.readString(work.resolve("i" + i + ".log"), StandardCharsets.ISO_8859_1);
            String outcome;
            if (log.contains("Received Store Response (Success)")) {
                outcome = "stored";
                stored.add(sop(i));
            } else if (log.contains("Rejected Transient") && log.contains("Local Limit Exceeded")) {
                outcome = "rejected 2/3/2";
                assertThat(instances(sop(i))).as("rejected leaves nothing").isEmpty();
            } else {
                outcome = "other";
                System.err.println("storescu " + i + ":\n" + log);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.println("200 concurrent storescu: " + outcomes);
        assertThat(outcomes.keySet()).as("every run stored or rejected in protocol terms").isSubsetOf("stored", "rejected 2/3/2");
        for (String sop : stored) {
            assertThat(instances(sop)).as("stored: " + sop).hasSize(1);
        }
        await("no association, no connection",
                () -> listener.activeAssociations() == 0 && listener.pendingConnections() == 0);
        await("dicom- platform threads as before", () -> threads("dicom-") == threadsBefore);
        // Descriptors the DIMSE side could leak: accepted sockets and files under the blob root. (The
        // JVM's total is not compared: other tests' servers share it and open and close their own.)
        await("no accepted socket left open", () -> acceptedSockets(listener.port()) == 0);
        await("no file of the blob store left open", () -> openFilesUnder(root) == blobFilesBefore);
    }

    private static String sop(int i) {
        return "1.2.826.0.1.3680043.2.1125.77." + i;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // hang guard only
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    /** Sockets on {@code port} that a process still holds (not listening, not orphaned in TIME_WAIT/FIN_WAIT). */
    private static long acceptedSockets(int port) {
        String local = String.format(":%04X", port);
        long n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    // f[1] local address:port, f[3] state (0A = LISTEN), f[9] inode (0: no descriptor holds it)
                    if (f.length > 9 && f[1].endsWith(local) && !f[3].equals("0A") && !f[9].equals("0")) {
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }

    private static long openFilesUnder(Path dir) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(dir);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Platform threads whose name starts with {@code prefix} (virtual threads are not listed). */
    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    private static List<Path> instances(String sop) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".dcm") && (name.equals(sop + ".dcm") || name.startsWith(sop + ".v"));
            }).toList();
        }
    }
}
