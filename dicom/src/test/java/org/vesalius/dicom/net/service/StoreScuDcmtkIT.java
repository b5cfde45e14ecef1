package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vesalius.dicom.net.service.SendableSamples.Sendable;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationOptions;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.DcmtkProcess;

/** Our C-STORE SCU against dcmtk's storescp in bit-preserving mode: what it stores is what our files hold. */
class StoreScuDcmtkIT {

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void requireDcmtk() {
        Dcmtk.require("storescp");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private DcmtkProcess storescp(Path into, String... extra) throws Exception {
        DcmtkProcess scp = DcmtkProcess.start(port -> {
            List<String> cmd = DcmtkProcess.args("storescp", "-aet", "STORESCP", "-od", into.toString(), "+B", "-F", "+xa");
            cmd.addAll(List.of(extra));
            cmd.add(String.valueOf(port));
            return cmd;
        });
        cleanup.add(scp);
        return scp;
    }

    /**
     * Every sendable sample (one per SOP Instance UID), on as few associations as the 128-context
     * limit allows, each file's data set streamed from the file: storescp receives exactly the
     * bytes of the file's data set.
     */
    @Test
    void everySendableSampleBitForBit() throws Exception {
        List<Sendable> sendable = SendableSamples.require();
        Map<String, Path> byInstance = new LinkedHashMap<>();
        Map<Path, Part10Head> heads = new LinkedHashMap<>();
        List<Path> oddLength = new ArrayList<>();
        for (Sendable s : sendable) {
            Part10Head head = Part10Head.read(s.sample().path());
            if ((head.dataSetLength() & 1) == 1 && !head.needsDeflatePadding()) {
                // Not a valid data set (every element has even length); storescu re-encodes it
                // before sending, we send files as they are, and storescp refuses odd fragments.
                oddLength.add(s.sample().path());
            } else if (byInstance.putIfAbsent(head.sopInstanceUid(), s.sample().path()) == null) {
                heads.put(s.sample().path(), head);
            }
        }
        Path into = Files.createDirectories(dir.resolve("storescp"));
        DcmtkProcess scp = storescp(into);
        DimseClient scu = Scp.client(Scp.options());
        List<Path> files = new ArrayList<>(heads.keySet());
        int associations = 0;
        List<String> problems = new ArrayList<>();
        for (int from = 0; from < files.size(); ) {
            Set<List<String>> pairs = new LinkedHashSet<>();
            int to = from;
            while (to < files.size() && pairs.size() < 120) {
                Part10Head h = heads.get(files.get(to++));
                pairs.add(List.of(h.sopClassUid(), h.transferSyntaxUid()));
            }
            AssociationRequest.Builder rq = AssociationRequest.builder("VESALIUS", "STORESCP");
            pairs.forEach(p -> rq.propose(p.get(0), p.get(1)));
            Association as = null;
            for (Path f : files.subList(from, to)) {
                if (as == null || !as.isEstablished()) {
                    as = scu.connect("127.0.0.1", scp.port(), rq.build());
                    associations++;
                }
                try {
                    DimseResponse r = scu.store(as, f);
                    if (!r.isSuccessOrWarning()) {
                        problems.add(f + ": " + r);
                    }
                } catch (java.io.IOException e) {
                    problems.add(f + ": " + e + "\n" + scp.output().lines().filter(l -> l.startsWith("E:") || l.startsWith("W:")).toList());
                }
            }
            as.close();
            from = to;
        }
        for (Map.Entry<Path, Part10Head> e : heads.entrySet()) {
            Path received = received(into, e.getValue().sopInstanceUid());
            if (received == null) {
                problems.add(e.getKey() + ": not stored by storescp");
            } else if (!java.util.Arrays.equals(Files.readAllBytes(received), expected(e.getKey(), e.getValue()))) {
                problems.add(e.getKey() + ": storescp received other bytes");
            }
        }
        System.out.printf("%d files on %d associations to storescp; %d problems; left out (odd length): %s%n",
                heads.size(), associations, problems.size(), oddLength);
        assertThat(problems).isEmpty();
    }

    /** storescp's maximum PDU from 4 KiB to 128 KiB, and our own send cap below it. */
    @ParameterizedTest(name = "storescp max PDU {0}, our send cap {1}")
    @CsvSource({"4096, 0", "16384, 0", "131072, 0", "131072, 4096"})
    void withinTheirMaximumPduLength(int theirMax, long ourCap) throws Exception {
        List<Sendable> largest = StoreScpDcmtkIT.largest(3);
        Path into = Files.createDirectories(dir.resolve("storescp"));
        DcmtkProcess scp = storescp(into, "--max-pdu", String.valueOf(theirMax));
        AssociationOptions options = Scp.options().withMaxPduLengthSend(ourCap);
        DimseClient scu = Scp.client(options);
        AssociationRequest.Builder rq = AssociationRequest.builder("VESALIUS", "STORESCP");
        for (Sendable s : largest) {
            Part10Head h = Part10Head.read(s.sample().path());
            rq.propose(h.sopClassUid(), h.transferSyntaxUid());
        }
        try (Association as = scu.connect("127.0.0.1", scp.port(), rq.build())) {
            assertThat(as.maxPduLengthSend()).isEqualTo(ourCap == 0 ? theirMax : Math.min(ourCap, theirMax));
            for (Sendable s : largest) {
                assertThat(scu.store(as, s.sample().path()).status().isSuccess()).isTrue();
            }
        }
        for (Sendable s : largest) {
            Path received = received(into, Part10Head.read(s.sample().path()).sopInstanceUid());
            assertThat(received).isNotNull();
            assertThat(Files.readAllBytes(received)).isEqualTo(DataSetBytes.of(s.sample().path()));
        }
    }

    /** The file's data set, with the NUL an odd-length deflated data set is padded with on the way. */
    private static byte[] expected(Path file, Part10Head head) throws Exception {
        byte[] data = DataSetBytes.of(file);
        return head.needsDeflatePadding() ? java.util.Arrays.copyOf(data, data.length + 1) : data;
    }

    /** The file storescp wrote for a SOP Instance UID: its default name is a modality prefix, a dot, the UID. */
    private static Path received(Path into, String sopInstanceUid) throws Exception {
        for (Path p : SendableSamples.list(into)) {
            if (p.getFileName().toString().endsWith("." + sopInstanceUid)) {
                return p;
            }
        }
        return null;
    }
}
