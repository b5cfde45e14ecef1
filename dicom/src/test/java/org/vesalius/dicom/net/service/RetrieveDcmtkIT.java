package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.net.service.TestArchive.Instance;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.DcmtkProcess;

/** dcmtk's movescu and getscu against our C-MOVE and C-GET SCP; the move destination is dcmtk's storescp. */
class RetrieveDcmtkIT {

    private static TestArchive archive;
    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void archive() throws Exception {
        if (!SendableSamples.get().isEmpty()) {
            archive = TestArchive.of(SendableSamples.get().stream().map(s -> s.sample().path()).toList());
        }
    }

    @BeforeEach
    void require() {
        Dcmtk.require("movescu");
        Dcmtk.require("getscu");
        SendableSamples.require();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private DcmtkProcess storescp(Path into) throws Exception {
        DcmtkProcess scp = DcmtkProcess.start(port -> DcmtkProcess.args("storescp", "-aet", "DEST", "-od", into.toString(),
                "+B", "-F", "+xa", String.valueOf(port)));
        cleanup.add(scp);
        return scp;
    }

    private DicomServer ourScp(MoveDestinationResolver destinations) throws Exception {
        DicomServer server = Scp.start(Retrieves.qrAe().build(), Retrieves.registry(archive, destinations).build());
        cleanup.add(server);
        return server;
    }

    private static Dcmtk.Result run(String tool, DicomServer server, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool, "-v", "-aet", tool.toUpperCase(), "-aec", Scp.AET));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("127.0.0.1", String.valueOf(server.port())));
        return Dcmtk.run(cmd);
    }

    /** Every instance of {@code expected} is in {@code into}, byte for byte as in its file; nothing else is. */
    private static void assertReceived(Path into, List<Instance> expected) throws Exception {
        List<Path> files = SendableSamples.list(into);
        assertThat(files).hasSize(expected.size());
        for (Instance i : expected) {
            String uid = i.get(Tags.SOPInstanceUID);
            Path f = files.stream().filter(p -> p.getFileName().toString().endsWith("." + uid)).findFirst().orElse(null);
            assertThat(f).as("%s received", uid).isNotNull();
            assertThat(Files.readAllBytes(f)).as("%s bit for bit", i.file()).isEqualTo(Retrieves.expected(i.file()));
        }
    }

    @Test
    void movescuToStorescpStudyAndPatient() throws Exception {
        Path into = Files.createDirectories(dir.resolve("dest"));
        DcmtkProcess dest = storescp(into);
        DicomServer server = ourScp(MoveDestinationResolver.of(List.of(MoveDestination.of("DEST", "127.0.0.1", dest.port()))));
        String study = Retrieves.mixedStudy(archive);
        Dcmtk.Result r = run("movescu", server, "-S", "-aem", "DEST", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + study);
        assertThat(r.stderr()).contains("Received Final Move Response (Success)");
        assertReceived(into, archive.study(study));

        for (Path f : SendableSamples.list(into)) {
            Files.delete(f);
        }
        String patient = archive.instances().stream().map(i -> i.get(Tags.PatientID))
                .filter(p -> p.matches("[A-Za-z0-9]+")).findFirst().orElseThrow();
        List<Instance> ofPatient = archive.instances().stream().filter(i -> i.get(Tags.PatientID).equals(patient)).toList();
        Dcmtk.Result p = run("movescu", server, "-P", "-aem", "DEST", "-k", "QueryRetrieveLevel=PATIENT",
                "-k", "PatientID=" + patient);
        assertThat(p.stderr()).contains("Received Final Move Response (Success)");
        assertReceived(into, ofPatient);
    }

    @Test
    void unknownDestinationIsA801WithoutAssociating() throws Exception {
        DicomServer server = ourScp(MoveDestinationResolver.none());
        Dcmtk.Result r = run("movescu", server, "-S", "-aem", "NOBODY", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + Retrieves.mixedStudy(archive));
        assertThat(r.stderr()).contains("Received Final Move Response (Refused: MoveDestinationUnknown)");
    }

    /** Nothing matches: success at once; the destination (where nothing listens) is never called. */
    @Test
    void zeroMatchesSucceedWithoutAssociating() throws Exception {
        int nobodyListens = DcmtkProcess.freePort();
        DicomServer server = ourScp(MoveDestinationResolver.of(List.of(MoveDestination.of("DEST", "127.0.0.1", nobodyListens))));
        Dcmtk.Result r = run("movescu", server, "-S", "-aem", "DEST", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=1.2.3.4.5.6.7.8.9");
        assertThat(r.stderr()).contains("Received Final Move Response (Success)");
        Dcmtk.Result some = run("movescu", server, "-S", "-aem", "DEST", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + Retrieves.mixedStudy(archive));
        assertThat(some.stderr()).as("with matches it does try, and fails them all")
                .contains("Received Final Move Response (Refused: OutOfResourcesSubOperations)");
    }

    /** getscu: the instances come back on its own association; native ones in whatever syntax it accepted. */
    @Test
    void getscu() throws Exception {
        Path into = Files.createDirectories(dir.resolve("got"));
        DicomServer server = ourScp(MoveDestinationResolver.none());
        String study = Retrieves.biggestStudy(archive, OutgoingContexts::isNative);
        Dcmtk.Result r = run("getscu", server, "-S", "-od", into.toString(), "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + study);
        assertThat(r.stderr()).contains("Received C-GET Response (Success)");
        Set<String> expected = archive.study(study).stream().map(i -> i.get(Tags.SOPInstanceUID)).collect(Collectors.toSet());
        Set<String> got = SendableSamples.list(into).stream().map(p -> p.getFileName().toString())
                .map(n -> n.substring(n.indexOf('.') + 1)).collect(Collectors.toSet());
        assertThat(got).isEqualTo(expected);
    }
}
