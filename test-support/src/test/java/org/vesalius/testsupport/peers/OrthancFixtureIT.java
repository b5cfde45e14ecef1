package org.vesalius.testsupport.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.testsupport.peers.OrthancConfig.Peer;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * Orthanc (Debian 1.10) as the "legacy PACS" of the DICOM network tests, proven with dcmtk.
 * Each test runs the dcmtk command line that works against Orthanc and prints it ({@code $ ...}
 * in the failsafe output); our SCU mirrors these. {@code docs/peers/orthanc.md} lists them with
 * what Orthanc answers.
 *
 * <p>Orthanc here knows its callers, like a PACS: it may be queried and retrieved from only by
 * the AEs in its {@code DicomModalities} ({@value #SCU} and {@value #DEST}). C-ECHO and
 * C-STORE stay open to any AE.
 */
class OrthancFixtureIT {

    static final String SCU = "VNATEST";
    static final String DEST = "DEST";
    static final String HOST = "127.0.0.1";
    /** Where dcmtk's storescp listens as {@value #DEST}, the third AE of C-MOVE. */
    static final int DEST_PORT = OrthancProcess.freePort();
    /** {@value #SCU}'s own port as Orthanc knows it (nothing listens there in this test). */
    static final int SCU_PORT = OrthancProcess.freePort();

    static final List<String> UPLOADED = List.of("pydicom/test_files/CT_small.dcm", "pydicom/test_files/MR_small.dcm",
            "pydicom/charset_files/chrGerm.dcm", "pydicom/charset_files/chrFren.dcm");
    static final String STORED_BY_DIMSE = "pydicom/charset_files/chrRuss.dcm";

    @RegisterExtension
    static final OrthancExtension ORTHANC = new OrthancExtension(() -> OrthancConfig.builder()
            .modality(SCU, SCU_PORT)
            .modality(DEST, DEST_PORT)
            .option("DicomAlwaysAllowFind", false)
            .option("DicomAlwaysAllowGet", false)
            .option("DicomAlwaysAllowMove", false)
            .build());

    /** The UIDs of a sample file, as dcmdump reads them. */
    record Sample(Path path, String patientId, String studyUid, String seriesUid, String sopUid) {
    }

    static List<Sample> samples;
    static Path samplesDir;

    @TempDir
    Path tmp;

    /** Skips without shared data or dcmtk (each test, so that the reports show it); uploads once. */
    @BeforeEach
    void uploadOnce() throws Exception {
        samplesDir = SharedSamples.requireDir();
        for (String tool : List.of("dcmdump", "echoscu", "findscu", "storescu", "movescu", "getscu", "storescp")) {
            Dcmtk.require(tool);
        }
        if (samples != null) {
            return;
        }
        List<Sample> described = new ArrayList<>();
        for (String name : UPLOADED) {
            Sample s = describe(samplesDir.resolve(name));
            ORTHANC.get().upload(s.path());
            described.add(s);
        }
        assertThat(ORTHANC.get().instanceCount()).isGreaterThanOrEqualTo(UPLOADED.size());
        samples = described;
    }

    private static String port() {
        return Integer.toString(ORTHANC.get().dicomPort());
    }

    private static String aec() {
        return ORTHANC.get().aet();
    }

    // ------------------------------------------------------------------ the REST helpers

    @Test
    void restApiListsWhatWasUploaded() throws Exception {
        OrthancProcess orthanc = ORTHANC.get();
        assertThat(orthanc.version()).isNotBlank();
        assertThat(orthanc.studies()).extracting(OrthancProcess.Study::studyInstanceUid)
                .containsAll(samples.stream().map(Sample::studyUid).toList());
        Map<String, Peer> modalities = orthanc.modalities();
        assertThat(modalities).containsEntry("dest", Peer.local(DEST, DEST_PORT))
                .containsEntry("vnatest", Peer.local(SCU, SCU_PORT));
    }

    // ------------------------------------------------------------------ C-ECHO

    @Test
    void echo() throws Exception {
        Dcmtk.Result r = dcmtk("echoscu", "-v", "-aet", SCU, "-aec", aec(), HOST, port());
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(r.stderr() + r.stdout()).contains("Received Echo Response (Success)");
    }

    /** DicomCheckCalledAet: a wrong called AE title is rejected at association time. */
    @Test
    void wrongCalledAeTitleIsRejected() throws Exception {
        Dcmtk.Result r = dcmtk("echoscu", "-aet", SCU, "-aec", "NOT_ORTHANC", HOST, port());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr() + r.stdout()).contains("Association Rejected").contains("Called AE Title Not Recognized");
    }

    // ------------------------------------------------------------------ C-FIND

    @Test
    void findStudiesStudyRoot() throws Exception {
        Dcmtk.Result r = dcmtk("findscu", "-v", "-S", "-aet", SCU, "-aec", aec(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k", "PatientID", "-k", "PatientName",
                "-k", "StudyDate", "-k", "ModalitiesInStudy", "-k", "NumberOfStudyRelatedInstances", HOST, port());
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(values(r, "0020,000d")).containsAll(samples.stream().map(Sample::studyUid).toList());
        assertThat(values(r, "0010,0020")).containsAll(samples.stream().map(Sample::patientId).toList());
    }

    @Test
    void findPatientsPatientRoot() throws Exception {
        Dcmtk.Result r = dcmtk("findscu", "-v", "-P", "-aet", SCU, "-aec", aec(),
                "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID", "-k", "PatientName",
                "-k", "NumberOfPatientRelatedStudies", HOST, port());
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(values(r, "0010,0020")).containsAll(samples.stream().map(Sample::patientId).toList());
    }

    @Test
    void findStudiesOfAPatientPatientRoot() throws Exception {
        Sample s = samples.get(1);
        Dcmtk.Result r = dcmtk("findscu", "-v", "-P", "-aet", SCU, "-aec", aec(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=" + s.patientId(), "-k", "StudyInstanceUID",
                HOST, port());
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(values(r, "0020,000d")).containsExactly(s.studyUid());
    }

    @Test
    void findSeriesStudyRoot() throws Exception {
        for (Sample s : samples) {
            Dcmtk.Result r = dcmtk("findscu", "-v", "-S", "-aet", SCU, "-aec", aec(),
                    "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + s.studyUid(),
                    "-k", "SeriesInstanceUID", "-k", "Modality", "-k", "NumberOfSeriesRelatedInstances", HOST, port());
            assertThat(r.ok()).as(r.stderr()).isTrue();
            assertThat(values(r, "0020,000e")).containsExactly(s.seriesUid());
        }
    }

    @Test
    void findImagesStudyRootAndPatientRoot() throws Exception {
        for (Sample s : samples) {
            Dcmtk.Result study = dcmtk("findscu", "-v", "-S", "-aet", SCU, "-aec", aec(),
                    "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + s.studyUid(),
                    "-k", "SeriesInstanceUID=" + s.seriesUid(), "-k", "SOPInstanceUID", "-k", "SOPClassUID",
                    "-k", "InstanceNumber", HOST, port());
            assertThat(study.ok()).as(study.stderr()).isTrue();
            assertThat(values(study, "0008,0018")).containsExactly(s.sopUid());

            Dcmtk.Result patient = dcmtk("findscu", "-v", "-P", "-aet", SCU, "-aec", aec(),
                    "-k", "QueryRetrieveLevel=IMAGE", "-k", "PatientID=" + s.patientId(),
                    "-k", "StudyInstanceUID=" + s.studyUid(), "-k", "SeriesInstanceUID=" + s.seriesUid(),
                    "-k", "SOPInstanceUID", HOST, port());
            assertThat(patient.ok()).as(patient.stderr()).isTrue();
            assertThat(values(patient, "0008,0018")).containsExactly(s.sopUid());
        }
    }

    /** A calling AE that is not in DicomModalities: Orthanc accepts the association, then aborts it. */
    @Test
    void unknownCallingAeIsAbortedOnQuery() throws Exception {
        Dcmtk.Result r = dcmtk("findscu", "-S", "-aet", "STRANGER", "-aec", aec(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", HOST, port());
        assertThat(r.ok()).isFalse();
        assertThat(r.stderr() + r.stdout()).contains("Peer aborted Association");
        assertThat(values(r, "0020,000d")).isEmpty();
    }

    // ------------------------------------------------------------------ C-STORE

    @Test
    void storeOneMore() throws Exception {
        Sample s = describe(samplesDir.resolve(STORED_BY_DIMSE));
        int before = ORTHANC.get().instanceCount();
        Dcmtk.Result r = dcmtk("storescu", "-v", "-aet", SCU, "-aec", aec(), HOST, port(), s.path().toString());
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(r.stderr() + r.stdout()).contains("Received Store Response (Success)");
        assertThat(ORTHANC.get().instanceCount()).isEqualTo(before + 1);
        Dcmtk.Result found = dcmtk("findscu", "-v", "-S", "-aet", SCU, "-aec", aec(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + s.studyUid(), HOST, port());
        assertThat(values(found, "0020,000d")).containsExactly(s.studyUid());
    }

    // ------------------------------------------------------------------ C-MOVE

    @Test
    void moveStudyToAThirdAe() throws Exception {
        Sample s = samples.get(0);
        Path received = Files.createDirectories(tmp.resolve("dest"));
        try (Storescp ignored = Storescp.start(DEST, DEST_PORT, received)) {
            Dcmtk.Result r = dcmtk("movescu", "-v", "-S", "-aet", SCU, "-aec", aec(), "-aem", DEST,
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + s.studyUid(), HOST, port());
            assertThat(r.ok()).as(r.stderr()).isTrue();
            assertThat(r.stderr() + r.stdout()).contains("Received Final Move Response (Success)");
        }
        assertThat(sopUids(received)).containsExactly(s.sopUid());
    }

    @Test
    void movePatientPatientRoot() throws Exception {
        Sample s = samples.get(1);
        Path received = Files.createDirectories(tmp.resolve("dest"));
        try (Storescp ignored = Storescp.start(DEST, DEST_PORT, received)) {
            Dcmtk.Result r = dcmtk("movescu", "-v", "-P", "-aet", SCU, "-aec", aec(), "-aem", DEST,
                    "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID=" + s.patientId(), HOST, port());
            assertThat(r.ok()).as(r.stderr()).isTrue();
        }
        assertThat(sopUids(received)).containsExactly(s.sopUid());
    }

    /** Orthanc answers an unknown move destination with 0xC000, not 0xA801 (Move Destination unknown). */
    @Test
    void moveToAnUnknownAeFailsWithC000() throws Exception {
        Sample s = samples.get(0);
        Dcmtk.Result r = dcmtk("movescu", "-v", "-S", "-aet", SCU, "-aec", aec(), "-aem", "NOBODY",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + s.studyUid(), HOST, port());
        assertThat(r.stderr() + r.stdout()).contains("Received Final Move Response (Failed: UnableToProcess)");
        assertThat(ORTHANC.get().logTail(20)).contains("Unknown modality for AET: NOBODY");
    }

    // ------------------------------------------------------------------ C-GET

    @Test
    void getStudy() throws Exception {
        Sample s = samples.get(2);
        Path received = Files.createDirectories(tmp.resolve("get"));
        Dcmtk.Result r = dcmtk("getscu", "-v", "-S", "-aet", SCU, "-aec", aec(), "-od", received.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + s.studyUid(), HOST, port());
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(r.stderr() + r.stdout()).contains("Received C-GET Response (Success)");
        assertThat(sopUids(received)).containsExactly(s.sopUid());
    }

    @Test
    void getImage() throws Exception {
        Sample s = samples.get(3);
        Path received = Files.createDirectories(tmp.resolve("get"));
        Dcmtk.Result r = dcmtk("getscu", "-v", "-S", "-aet", SCU, "-aec", aec(), "-od", received.toString(),
                "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + s.studyUid(),
                "-k", "SeriesInstanceUID=" + s.seriesUid(), "-k", "SOPInstanceUID=" + s.sopUid(), HOST, port());
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(sopUids(received)).containsExactly(s.sopUid());
    }

    // ------------------------------------------------------------------ the fixture's own life cycle

    @Test
    void closeStopsOrthancAndDeletesItsFolder() throws Exception {
        Sample s = samples.get(0);
        OrthancProcess second = OrthancProcess.start(OrthancConfig.builder().aet("SECOND").build());
        Path dir = second.directory();
        try (second) {
            assertThat(second.dicomPort()).isNotEqualTo(ORTHANC.get().dicomPort());
            second.upload(s.path());
            assertThat(second.instanceCount()).isEqualTo(1);
            second.deleteAll();
            assertThat(second.instanceCount()).isZero();
        }
        assertThat(second.isAlive()).isFalse();
        assertThat(dir).doesNotExist();
    }

    /** A JVM that dies without running shutdown hooks (as on SIGKILL or a crash) leaves no Orthanc behind. */
    @Test
    void orthancDiesWithACrashedJvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingJvm.class.getName())
                .redirectErrorStream(true).start();
        long pid;
        Path dir;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = out.lines().toList();
            assertThat(jvm.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String started = lines.stream().filter(l -> l.startsWith("started ")).findFirst()
                    .orElseThrow(() -> new AssertionError("the child JVM did not start Orthanc: " + lines));
            String[] parts = started.split(" ", 3);
            pid = Long.parseLong(parts[1]);
            dir = Path.of(parts[2]);
        }
        assertThat(jvm.exitValue()).isEqualTo(137);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || Files.exists(dir)) {
            assertThat(System.nanoTime()).as("Orthanc (pid %s) still runs or %s still exists", pid, dir)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Starts Orthanc, then halts without shutdown hooks. */
    static final class CrashingJvm {
        public static void main(String[] args) throws Exception {
            OrthancProcess orthanc = OrthancProcess.start(OrthancConfig.defaults());
            System.out.println("started " + orthanc.pid() + " " + orthanc.directory());
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a dcmtk tool, printing its command line first. */
    static Dcmtk.Result dcmtk(String... command) throws IOException, InterruptedException {
        System.out.println("$ " + String.join(" ", command));
        return Dcmtk.run(List.of(command));
    }

    private static final Pattern ELEMENT = Pattern.compile("^(?:[IWE]: )?\\(([0-9a-f]{4},[0-9a-f]{4})\\) \\S\\S \\[(.*?)\\]",
            Pattern.MULTILINE);

    /**
     * The values of an element in the C-FIND responses findscu logs (on stderr, after its dump
     * of the request identifiers), trimmed: findscu shows a UID's trailing NUL as a space.
     */
    static List<String> values(Dcmtk.Result r, String tag) {
        int start = r.stderr().indexOf("Find Response:");
        return start < 0 ? List.of() : elements(r.stderr().substring(start), tag);
    }

    /** The values of a top-level element in a data set dump, trimmed. */
    static List<String> elements(String dump, String tag) {
        List<String> out = new ArrayList<>();
        Matcher m = ELEMENT.matcher(dump);
        while (m.find()) {
            if (m.group(1).equals(tag)) {
                out.add(m.group(2).trim());
            }
        }
        return out;
    }

    static Sample describe(Path file) throws IOException, InterruptedException {
        Dcmtk.Result r = Dcmtk.run(List.of("dcmdump", "-q", "+p", "+P", "0010,0020", "+P", "0020,000d", "+P", "0020,000e",
                "+P", "0008,0018", file.toString()));
        assertThat(r.ok()).as(r.stderr()).isTrue();
        return new Sample(file, first(r, "0010,0020"), first(r, "0020,000d"), first(r, "0020,000e"), first(r, "0008,0018"));
    }

    private static String first(Dcmtk.Result r, String tag) {
        List<String> v = elements(r.stdout(), tag);
        assertThat(v).as("%s in %s", tag, r.stdout()).isNotEmpty();
        return v.get(0);
    }

    /** SOP Instance UIDs of the files a receiver wrote into {@code dir}. */
    static List<String> sopUids(Path dir) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                out.add(describe(f).sopUid());
            }
        }
        return out;
    }

    /** dcmtk's storescp as a C-STORE SCP, killed with the JVM if the test does not stop it. */
    record Storescp(Process process, ProcessGuard guard) implements AutoCloseable {

        static Storescp start(String aet, int port, Path dir) throws IOException, InterruptedException {
            List<String> command = List.of("storescp", "-v", "-aet", aet, "-od", dir.toString(), Integer.toString(port));
            System.out.println("$ " + String.join(" ", command));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolveSibling(aet + "-storescp.log").toFile());
            builder.environment().put("TCP_NODELAY", "1");
            Process process = builder.start();
            Storescp scp = new Storescp(process, ProcessGuard.watch(process, 5, null));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(HOST, port), 500);
                    return scp;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        scp.close();
                        throw new IOException("storescp did not listen on port " + port + ": "
                                + Files.readString(dir.resolveSibling(aet + "-storescp.log")));
                    }
                    Thread.sleep(50);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            guard.close();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
