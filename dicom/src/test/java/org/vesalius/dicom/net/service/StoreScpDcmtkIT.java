package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.SendableSamples.Sendable;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.testsupport.peers.Dcmtk;

/** dcmtk's echoscu and storescu against our C-ECHO and C-STORE SCP. */
class StoreScpDcmtkIT {

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void requireDcmtk() {
        Dcmtk.require("storescu");
        Dcmtk.require("storescp");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private DicomServer start(ApplicationEntity ae, DimseServiceRegistry services) throws Exception {
        DicomServer server = Scp.start(ae, services);
        cleanup.add(server);
        return server;
    }

    private DicomServer storingServer(Path into, long maxPduReceive) throws Exception {
        return start(Scp.storageAe(Scp.options().withMaxPduLengthReceive(maxPduReceive)).build(),
                DimseServiceRegistry.builder().store(CStoreHandler.toDirectory(into)).build());
    }

    @Test
    void echoscu() throws Exception {
        DicomServer server = start(Scp.storageAe(Scp.options()).build(), DimseServiceRegistry.builder().build());
        Dcmtk.Result r = Dcmtk.run(List.of("echoscu", "-v", "-aet", "ECHOSCU", "-aec", Scp.AET, "--repeat", "2",
                "127.0.0.1", String.valueOf(server.port())));
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(r.stderr()).contains("Received Echo Response (Success)");
    }

    /**
     * Every sample storescu delivers to storescp arrives at our SCP too, proposing exactly its own
     * SOP Class and transfer syntax, and the data set we store is byte for byte what storescp's
     * bit-preserving mode recorded from the wire.
     */
    @Test
    void everySendableSampleArrivesBitForBit() throws Exception {
        List<Sendable> sendable = SendableSamples.require();
        Path into = Files.createDirectories(dir.resolve("in"));
        DicomServer server = storingServer(into, 16378);
        List<String> problems = new ArrayList<>();
        Set<String> syntaxes = new java.util.TreeSet<>();
        for (Sendable s : sendable) {
            Dcmtk.Result r = SendableSamples.storescu(server.port(), Scp.AET, s.proposal(), s.sample().path());
            List<Path> files = SendableSamples.list(into);
            if (!SendableSamples.delivered(r) || files.size() != 1) {
                problems.add(s + ": not stored (" + files.size() + " files): " + lastLines(r.stderr()));
            } else {
                byte[] ours = DataSetBytes.of(files.get(0));
                byte[] wire = Files.readAllBytes(s.wire());
                if (!java.util.Arrays.equals(ours, wire)) {
                    problems.add(s + ": data set differs from the wire bytes (" + ours.length + " vs " + wire.length + ")");
                }
                DicomFile stored = DicomReader.read(files.get(0));
                String proposed = SendableSamples.transferSyntax(s.sample());
                if (proposed != null && !proposed.equals(stored.declaredTransferSyntaxUid())) {
                    problems.add(s + ": File Meta says " + stored.declaredTransferSyntaxUid());
                }
                syntaxes.add(stored.declaredTransferSyntaxUid());
            }
            for (Path f : files) {
                Files.delete(f);
            }
        }
        System.out.printf("%d of %d samples sendable with dcmtk; %d problems; transfer syntaxes %s%n", sendable.size(),
                SendableSamples.tried(), problems.size(), syntaxes);
        assertThat(problems).isEmpty();
        assertThat(syntaxes).as("compressed syntaxes travel too").contains("1.2.840.10008.1.2.4.50",
                "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.5");
    }

    /** storescu cuts its PDUs to what we advertise, 4 KiB to 1 MiB. */
    @ParameterizedTest(name = "our max PDU {0}")
    @ValueSource(longs = {4096, 16384, 131072, 1048576})
    void storescuWithinOurMaximumPduLength(long maxPdu) throws Exception {
        List<Sendable> sendable = largest(3);
        Path into = Files.createDirectories(dir.resolve("in"));
        DicomServer server = storingServer(into, maxPdu);
        for (Sendable s : sendable) {
            Dcmtk.Result r = SendableSamples.storescu(server.port(), Scp.AET, s.proposal(), s.sample().path(),
                    "--max-pdu", "4096");
            assertThat(SendableSamples.delivered(r)).as(r.stderr()).isTrue();
            List<Path> files = SendableSamples.list(into);
            assertThat(files).hasSize(1);
            assertThat(DataSetBytes.of(files.get(0))).isEqualTo(Files.readAllBytes(s.wire()));
            Files.delete(files.get(0));
        }
    }

    /** Several files on one association, several storescu processes at once. */
    @Test
    void storescuProcessesAtOnce() throws Exception {
        List<Sendable> sendable = largest(5);
        DicomServer server = start(Scp.storageAe(Scp.options()).build(),
                DimseServiceRegistry.builder().store(CStoreHandler.discarding()).build());
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aet", "STORESCU" + i, "-aec", Scp.AET,
                    "127.0.0.1", String.valueOf(server.port())));
            sendable.forEach(s -> cmd.add(s.sample().path().toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("storescu" + i + ".log").toFile());
            pb.environment().put("TCP_NODELAY", "1");
            processes.add(pb.start());
        }
        for (int i = 0; i < processes.size(); i++) {
            assertThat(processes.get(i).waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve("storescu" + i + ".log"));
            assertThat(log.split("Received Store Response \\(Success\\)", -1)).as(log).hasSize(sendable.size() + 1);
        }
    }

    /** A SOP Class we do not accept: its context is rejected, storescu says so and sends nothing. */
    @Test
    void unsupportedSopClassIsRejectedInNegotiation() throws Exception {
        Path mr = sample("pydicom/test_files/MR_small.dcm");
        ApplicationEntity ctOnly = ApplicationEntity.builder(Scp.AET).options(Scp.options())
                .acceptScp(UID.CTImageStorage, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian).build();
        DicomServer server = start(ctOnly, DimseServiceRegistry.builder().store(CStoreHandler.toDirectory(dir)).build());
        Dcmtk.Result r = Dcmtk.run(List.of("storescu", "-v", "-aet", "STORESCU", "-aec", Scp.AET, "127.0.0.1",
                String.valueOf(server.port()), mr.toString()));
        assertThat(r.stderr()).contains("No presentation context for: (MR)");
        assertThat(SendableSamples.list(dir)).isEmpty();
    }

    /** The context is accepted but the handler refuses: storescu sees the handler's status. */
    @Test
    void handlerRefusalReachesStorescu() throws Exception {
        Path ct = sample("pydicom/test_files/CT_small.dcm");
        DicomServer server = start(Scp.storageAe(Scp.options()).build(), DimseServiceRegistry.builder()
                .store((request, dataSet) -> {
                    throw new DicomServiceException(DicomStatus.OUT_OF_RESOURCES, "disk full");
                }).build());
        Dcmtk.Result r = Dcmtk.run(List.of("storescu", "-v", "-aet", "STORESCU", "-aec", Scp.AET, "127.0.0.1",
                String.valueOf(server.port()), ct.toString()));
        assertThat(r.stderr()).contains("Received Store Response (Refused: OutOfResources)");
        DicomServer crashing = start(Scp.storageAe(Scp.options()).build(), DimseServiceRegistry.builder()
                .store((request, dataSet) -> {
                    throw new IllegalStateException("a bug in the handler");
                }).build());
        Dcmtk.Result r2 = Dcmtk.run(List.of("storescu", "-v", "-aet", "STORESCU", "-aec", Scp.AET, "127.0.0.1",
                String.valueOf(crashing.port()), ct.toString()));
        assertThat(r2.stderr()).contains("Received Store Response (Unknown Status: 0x110)"); // dcmtk names no 0110
        DicomServer ctOnly = start(Scp.storageAe(Scp.options()).build(), DimseServiceRegistry.builder()
                .store(UID.MRImageStorage, CStoreHandler.discarding()).build());
        Dcmtk.Result r3 = Dcmtk.run(List.of("storescu", "-v", "-aet", "STORESCU", "-aec", Scp.AET, "127.0.0.1",
                String.valueOf(ctOnly.port()), ct.toString()));
        assertThat(r3.stderr()).contains("Received Store Response (Refused: SOPClassNotSupported)");
    }

    static Path sample(String name) {
        return org.vesalius.testsupport.samples.SharedSamples.require(name);
    }

    /** The {@code n} largest sendable samples in Explicit VR Little Endian (big enough to span many PDUs; storescu proposes their syntax by default). */
    static List<Sendable> largest(int n) {
        List<Sendable> sendable = SendableSamples.require();
        return sendable.stream().filter(s -> s.sample().transferSyntaxUid().equals(UID.ExplicitVRLittleEndian)).sorted(Comparator.comparingLong((Sendable s) -> s.wire().toFile().length()).reversed())
                .limit(n).toList();
    }

    private static String lastLines(String s) {
        String[] lines = s.split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }
}
