package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UidEntry;
import org.vesalius.dicom.data.UidRegistry;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.dimse.SampleArchive.Stored;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * C-MOVE and C-GET of the server against dcmtk: every shared sample stored through C-STORE
 * ({@link SampleArchive}) comes back byte-identical through {@code movescu} to a {@code storescp
 * +B -F} destination and through {@code getscu +B}, in its stored transfer syntax; bad input gets
 * the statuses PS3.4 C.4.2 names; after a patient update in the journal both return the new
 * header with the same pixel data bytes. The PATIENT-level move needs the test Elasticsearch
 * ({@code vna.test.elasticsearch.url}); the rest runs without. Skipped without dcmtk or the
 * shared samples.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrieveScpDcmtkIT {

    private static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    private static final String PREFIX = "vnait-" + UUID.randomUUID().toString().substring(0, 8);
    /** storescp +B -F +xa: takes every syntax it knows, writes the data set bytes as received. */
    private static final int DEST = Dcmtk.freePort();
    /** storescp with its defaults: uncompressed syntaxes only. */
    private static final int NATIVE = Dcmtk.freePort();
    /** storescp --refuse: refuses every association. */
    private static final int REFUSING = Dcmtk.freePort();
    /** storescp --abort-after: aborts each association after the C-STORE-RQ, before answering. */
    private static final int ABORTING = Dcmtk.freePort();
    /**
     * getscu's option to propose a transfer syntax first (dcmtk 3.6.7); it cannot receive others.
     * None proposes Implicit VR Little Endian first ({@code +xi} proposes Explicit VR Little Endian
     * alone): instances stored so are converted.
     */
    private static final String IMPLICIT = "1.2.840.10008.1.2";
    private static final Map<String, String> GETSCU_PREFERENCE = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.1", "+xe"), Map.entry(IMPLICIT, "+xe"),
            Map.entry("1.2.840.10008.1.2.2", "+xb"), Map.entry("1.2.840.10008.1.2.1.99", "+xd"),
            Map.entry("1.2.840.10008.1.2.4.50", "+xy"), Map.entry("1.2.840.10008.1.2.4.51", "+xx"),
            Map.entry("1.2.840.10008.1.2.4.70", "+xs"), Map.entry("1.2.840.10008.1.2.4.80", "+xt"),
            Map.entry("1.2.840.10008.1.2.4.81", "+xu"), Map.entry("1.2.840.10008.1.2.4.90", "+xv"),
            Map.entry("1.2.840.10008.1.2.4.91", "+xw"), Map.entry("1.2.840.10008.1.2.5", "+xr"));
    private static final String NEW_NAME = "Updated^After the move";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
        registry.add("vna.dicom.destinations.DEST", () -> "127.0.0.1:" + DEST);
        registry.add("vna.dicom.destinations.NATIVE", () -> "127.0.0.1:" + NATIVE);
        registry.add("vna.dicom.destinations.REFUSING", () -> "127.0.0.1:" + REFUSING);
        registry.add("vna.dicom.destinations.ABORTING", () -> "127.0.0.1:" + ABORTING);
        registry.add("vna.dicom.destinations.NOBODY", () -> "127.0.0.1:" + Dcmtk.freePort());
        if (!ES.isBlank()) {
            registry.add("vna.elasticsearch.url", () -> ES);
            registry.add("vna.elasticsearch.index-prefix", () -> PREFIX);
        }
    }

    @Autowired
    DicomListener listener;
    @Autowired
    Journal journal;
    @Autowired
    QueryPort queries;

    private Path work;
    private SampleArchive archive;
    private final List<Dcmtk.Scp> scps = new ArrayList<>();
    private Path dest;
    private Path nativeDest;

    @BeforeAll
    void storeEverySample() throws Exception {
        org.vesalius.testsupport.peers.Dcmtk.require("storescu", "storescp", "movescu", "getscu");
        SharedSamples.require(s -> true);
        work = Files.createTempDirectory("vna-retrieve-it");
        archive = SampleArchive.load(listener.port(), "VESALIUS", work);
        dest = Files.createDirectories(work.resolve("dest"));
        nativeDest = Files.createDirectories(work.resolve("native"));
        scps.add(Dcmtk.start(work.resolve("dest.log"), DEST, "storescp", "-aet", "DEST", "-od", dest.toString(), "+B", "-F", "+xa"));
        scps.add(Dcmtk.start(work.resolve("native.log"), NATIVE, "storescp", "-aet", "NATIVE", "-od", nativeDest.toString(),
                "+B", "-F"));
        scps.add(Dcmtk.start(work.resolve("refusing.log"), REFUSING, "storescp", "-aet", "REFUSING", "--refuse"));
        scps.add(Dcmtk.start(work.resolve("aborting.log"), ABORTING, "storescp", "-aet", "ABORTING", "--abort-after",
                "-od", Files.createDirectories(work.resolve("aborting")).toString()));
    }

    @AfterAll
    void stop() throws Exception {
        for (Dcmtk.Scp scp : scps) {
            scp.close();
        }
        if (!ES.isBlank()) {
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create(ES + "/" + PREFIX + "-instances-v2")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(URI.create(ES + "/_index_template/" + PREFIX + "-instances-template")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    @Order(1)
    void movescuBringsBackEveryStoredInstanceByteIdentical() throws Exception {
        clear(dest);
        Move move = movescu("-S", "DEST", "STUDY", "StudyInstanceUID=" + String.join("\\", archive.studies()));
        Map<String, byte[]> got = SampleArchive.received(dest);
        List<Stored> deliverable = archive.deliverable();
        assertThat(got.keySet()).as("every instance storescp takes, and nothing else")
                .containsExactlyInAnyOrderElementsOf(uids(deliverable));
        for (Stored s : deliverable) {
            assertThat(got.get(s.sopInstanceUid())).as("%s (%s) bit for bit", s.file(), s.transferSyntaxUid()).isEqualTo(s.wire());
        }
        int undeliverable = archive.stored.size() - deliverable.size();
        assertThat(move.completed()).isEqualTo(deliverable.size());
        assertThat(move.failed()).isEqualTo(undeliverable);
        assertThat(move.status()).isEqualTo(undeliverable == 0 ? "0000" : "b000");
        System.out.printf("C-MOVE: %d stored (%d samples refused as duplicates or bad, %d not sent), %d moved byte-identical,"
                + " %d not taken by storescp%n", archive.stored.size(), archive.refused, archive.notSent, deliverable.size(),
                undeliverable);
        assertThat(deliverable.size()).isGreaterThan(archive.stored.size() * 9 / 10);
    }

    /**
     * getscu, once per stored transfer syntax, proposing it first: IMAGE-level C-GETs per series
     * on one association. It proposes some 120 storage SOP Classes and cannot receive the others:
     * those are asked for alone, and fail (A702) without a file.
     */
    @Test
    @Order(2)
    void getscuBringsBackEveryInstanceInItsStoredSyntaxByteIdentical() throws Exception {
        Set<String> proposed = getscuStorageClasses();
        Map<String, List<Stored>> bySyntax = archive.deliverable().stream()
                .collect(Collectors.groupingBy(Stored::transferSyntaxUid, LinkedHashMap::new, Collectors.toList()));
        int identical = 0;
        int converted = 0;
        List<String> noOption = new ArrayList<>();
        List<Stored> notProposed = new ArrayList<>();
        for (var group : bySyntax.entrySet()) {
            String option = GETSCU_PREFERENCE.get(group.getKey());
            if (option == null) {
                noOption.add(group.getKey() + " (" + group.getValue().size() + ")");
                continue;
            }
            List<Stored> receivable = group.getValue().stream().filter(s -> proposed.contains(s.sopClassUid())).toList();
            group.getValue().stream().filter(s -> !proposed.contains(s.sopClassUid())).forEach(notProposed::add);
            Get get = getscu(option, receivable, Files.createDirectories(work.resolve("get-" + group.getKey())));
            assertThat(get.output()).as("getscu %s", option).doesNotContain("E: ");
            assertThat(get.dataSets().keySet()).containsExactlyInAnyOrderElementsOf(uids(receivable));
            for (Stored s : receivable) {
                if (group.getKey().equals(IMPLICIT)) {
                    assertThat(get.dataSets().get(s.sopInstanceUid())).as("%s converted to Explicit VR Little Endian", s.file())
                            .isEqualTo(explicitFromImplicit(s.wire()));
                    converted++;
                } else {
                    assertThat(get.dataSets().get(s.sopInstanceUid())).as("%s (%s) bit for bit", s.file(), group.getKey())
                            .isEqualTo(s.wire());
                    identical++;
                }
            }
        }
        if (!notProposed.isEmpty()) {
            Stored one = notProposed.get(0);
            Get get = getscu(GETSCU_PREFERENCE.getOrDefault(one.transferSyntaxUid(), "+xe"), List.of(one),
                    Files.createDirectories(work.resolve("get-not-proposed")));
            assertThat(get.output()).contains("Received C-GET Response (Refused: OutOfResourcesSubOperations)");
            assertThat(get.dataSets()).isEmpty();
        }
        System.out.printf("C-GET: %d of %d instances byte-identical through getscu, %d converted from Implicit VR (getscu cannot"
                + " propose it first); getscu has no option for %s and does not propose the SOP Class of %d%n", identical,
                archive.deliverable().size(), converted, noOption, notProposed.size());
        assertThat(identical).isGreaterThan(archive.deliverable().size() * 8 / 10);
    }

    @Test
    @Order(3)
    void patientLevelMoveFindsThePatientsStudiesInTheIndex() throws Exception {
        TestElasticsearch.require();
        Map<String, List<Stored>> byPatientId = archive.deliverable().stream().filter(s -> s.patient().id().matches("[A-Za-z0-9]+"))
                .collect(Collectors.groupingBy(s -> s.patient().id()));
        String patient = byPatientId.entrySet().stream()
                .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size())).orElseThrow().getKey();
        List<Stored> expected = archive.stored.stream().filter(s -> s.patient().id().equals(patient)).toList();
        awaitIndexed(patient, expected.stream().map(Stored::studyUid).collect(Collectors.toSet()).size());
        clear(dest);
        Move move = movescu("-P", "DEST", "PATIENT", "PatientID=" + patient);
        assertThat(move.status()).isEqualTo("0000");
        assertThat(SampleArchive.received(dest).keySet()).containsExactlyInAnyOrderElementsOf(uids(expected));
    }

    @Test
    @Order(4)
    void badInputGetsTheStatusesOfPs34() throws Exception {
        String study = studyWith(true, true);
        List<Stored> ofStudy = archive.ofStudies(Set.of(study));

        Move unknown = movescu("-S", "NOT-KNOWN", "STUDY", "StudyInstanceUID=" + study);
        assertThat(unknown.status()).isEqualTo("a801");
        assertThat(unknown.completed() + unknown.failed()).isZero();

        Move noPatientId = movescu("-P", "DEST", "STUDY", "StudyInstanceUID=" + study);
        assertThat(noPatientId.status()).isEqualTo("a900");
        assertThat(noPatientId.output()).contains("PatientID");
        Move wildcard = movescu("-S", "DEST", "STUDY", "StudyInstanceUID=" + study.substring(0, 8) + "*");
        assertThat(wildcard.status()).isEqualTo("a900");
        Move noLevel = run(List.of("movescu", "-d", "-S", "-aet", "MOVESCU", "-aec", "VESALIUS", "-aem", "DEST",
                "-k", "StudyInstanceUID=" + study));
        assertThat(noLevel.status()).isEqualTo("a900");

        Move nothing = movescu("-S", "NOBODY", "STUDY", "StudyInstanceUID=1.2.3.4.5.6.7.8.9.0");
        assertThat(nothing.status()).as("no match: success, no sub-operation, nobody called").isEqualTo("0000");
        assertThat(nothing.completed() + nothing.failed()).isZero();

        for (String refusing : List.of("REFUSING", "ABORTING", "NOBODY")) {
            Move m = movescu("-S", refusing, "STUDY", "StudyInstanceUID=" + study);
            assertThat(m.status()).as(refusing).isEqualTo("a702");
            assertThat(m.failed()).as(refusing).isEqualTo(ofStudy.size());
            assertThat(m.failedUids()).as(refusing).containsExactlyInAnyOrderElementsOf(uids(ofStudy));
        }

        clear(nativeDest);
        Move natives = movescu("-S", "NATIVE", "STUDY", "StudyInstanceUID=" + study);
        List<Stored> undecodable = ofStudy.stream().filter(s -> !s.nativeAvailable()).toList();
        assertThat(natives.status()).isEqualTo(undecodable.isEmpty() ? "0000" : "b000");
        assertThat(natives.failedUids()).as("compressed ones our decoders cannot decode fail; the others arrive decoded")
                .containsExactlyInAnyOrderElementsOf(uids(undecodable));
        Map<String, byte[]> got = SampleArchive.received(nativeDest);
        for (Stored s : ofStudy.stream().filter(Stored::nativeAvailable).toList()) {
            byte[] bytes = got.get(s.sopInstanceUid());
            assertThat(bytes).as("%s arrives, converted or decoded if need be", s.file()).isNotNull();
            if (s.transferSyntaxUid().equals("1.2.840.10008.1.2.1")) {
                assertThat(bytes).as("%s in its own syntax", s.file()).isEqualTo(s.wire());
            }
        }
    }

    /** movescu --cancel 1: C-CANCEL after the first Pending response; FE00 with the counts so far. */
    @Test
    @Order(5)
    void cancelDuringAMoveIsFe00WithCounts() throws Exception {
        Move cancelled = run(List.of("movescu", "-d", "-S", "-aet", "MOVESCU", "-aec", "VESALIUS", "-aem", "DEST", "--cancel", "1",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + String.join("\\", archive.studies())));
        assertThat(cancelled.status()).isEqualTo("fe00");
        assertThat(cancelled.remaining()).isPositive();
        assertThat(cancelled.remaining() + cancelled.completed() + cancelled.failed() + cancelled.warning())
                .isEqualTo(archive.stored.size());
    }

    /** Last: it changes what the archive serves for one patient. */
    @Test
    @Order(6)
    void afterAPatientUpdateMoveAndGetServeTheNewHeaderAndTheSamePixelData() throws Exception {
        PatientId patient = patientWithMostSyntaxes();
        Set<String> studies = archive.stored.stream().filter(s -> s.patient().equals(patient)).map(Stored::studyUid)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<Stored> affected = archive.ofStudies(studies).stream().filter(Stored::deliverable).toList();
        journal.append(patient, new Dataset().setString(Tags.PatientName, VR.PN, NEW_NAME), "test", "RetrieveScpDcmtkIT");

        clear(dest);
        Move move = movescu("-S", "DEST", "STUDY", "StudyInstanceUID=" + String.join("\\", studies));
        assertThat(move.status()).isEqualTo("0000");
        Map<String, byte[]> moved = SampleArchive.received(dest);
        int updated = 0;
        for (Stored s : affected) {
            updated += checkServed(s, moved.get(s.sopInstanceUid()), patient, "C-MOVE");
        }
        Set<String> proposed = getscuStorageClasses();
        Map<String, List<Stored>> bySyntax = affected.stream().filter(s -> GETSCU_PREFERENCE.containsKey(s.transferSyntaxUid()))
                .filter(s -> !s.transferSyntaxUid().equals(IMPLICIT))
                .filter(s -> proposed.contains(s.sopClassUid())).collect(Collectors.groupingBy(Stored::transferSyntaxUid));
        int got = 0;
        for (var group : bySyntax.entrySet()) {
            Get get = getscu(GETSCU_PREFERENCE.get(group.getKey()), group.getValue(),
                    Files.createDirectories(work.resolve("updated-" + group.getKey())));
            for (Stored s : group.getValue()) {
                got += checkServed(s, get.dataSets().get(s.sopInstanceUid()), patient, "C-GET");
            }
        }
        System.out.printf("after the update: %d instances of patient %s in %d syntaxes moved, %d got, with the new name%n",
                updated, patient, affected.stream().map(Stored::transferSyntaxUid).distinct().count(), got);
        assertThat(updated).isPositive();
        assertThat(got).isPositive();
    }

    /** 1 when {@code s} is the updated patient's (new name, same pixel data bytes); 0 for another's (unchanged bytes). */
    private static int checkServed(Stored s, byte[] dataSet, PatientId patient, String how) throws IOException {
        assertThat(dataSet).as("%s: %s received", how, s.file()).isNotNull();
        if (!s.patient().equals(patient)) {
            assertThat(dataSet).as("%s: %s, another patient's, unchanged", how, s.file()).isEqualTo(s.wire());
            return 0;
        }
        TransferSyntax ts = TransferSyntax.of(s.transferSyntaxUid());
        Dataset served = DicomReader.readDataset(plain(dataSet, ts), ts.deflated() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : ts,
                ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA));
        assertThat(served.getString(Tags.PatientName)).as("%s: %s", how, s.file()).isEqualTo(NEW_NAME);
        assertThat(served.getString(Tags.PatientID, "")).isEqualTo(patient.id());
        assertThat(served.getString(Tags.SOPInstanceUID)).isEqualTo(s.sopInstanceUid());
        assertThat(fromPixelData(dataSet, ts)).as("%s: %s pixel data and all after it, bit for bit", how, s.file())
                .isEqualTo(fromPixelData(s.wire(), ts));
        return 1;
    }

    // ------------------------------------------------------------------ dcmtk

    /** What movescu reported: the final status (hex, as dcmtk prints it), the counts and the Failed SOP Instance UID List. */
    record Move(String output, String status, int remaining, int completed, int failed, int warning, List<String> failedUids) {
    }

    /** What getscu received: data sets by SOP Instance UID, and what it printed. */
    record Get(Map<String, byte[]> dataSets, String output) {
    }

    private Set<String> getscuClasses;

    /**
     * The storage SOP Classes getscu proposes (the same whatever the transfer syntax option), read
     * from its association request ({@code +v}) on a C-GET that matches nothing. dcmtk 3.6.7's
     * getscu does not read a C-GET-RSP's data set (the Failed SOP Instance UID List), so after a
     * failed sub-operation the next C-GET on the association is misread: the tests ask only for
     * what it can receive, and for the rest once per association.
     */
    private Set<String> getscuStorageClasses() throws Exception {
        if (getscuClasses == null) {
            String out = Dcmtk.run(listener.port(), "getscu", "-v", "+v", "-S", "-aet", "GETSCU", "-aec", "VESALIUS",
                    "-od", work.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3.4.5.6.7.8.9.0").output();
            getscuClasses = proposedStorageClasses(out);
            assertThat(getscuClasses).as(out).hasSizeGreaterThan(50);
        }
        return getscuClasses;
    }

    private Move movescu(String model, String destination, String level, String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("movescu", "-d", model, "-aet", "MOVESCU", "-aec", "VESALIUS", "-aem", destination,
                "-k", "QueryRetrieveLevel=" + level));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        return run(cmd);
    }

    private static final Pattern STATUS = Pattern.compile("DIMSE Status\\s*:\\s*0x([0-9a-f]{4})");

    /** Runs movescu with -d and reads its last response's counts from the debug dump. */
    private Move run(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(listener.port()));
        String out = Dcmtk.run(cmd).output();
        String status = "none";
        Matcher m = STATUS.matcher(out);
        while (m.find()) {
            status = m.group(1);
        }
        int last = out.lastIndexOf("C-MOVE RSP");
        String tail = last < 0 ? "" : out.substring(last);
        return new Move(out, status, count(tail, "Remaining"), count(tail, "Completed"), count(tail, "Failed"),
                count(tail, "Warning"), failedUids(out));
    }

    /** "Completed Suboperations : 5" and the like in dcmtk's dump of a C-MOVE-RSP; 0 when absent or "none". */
    private static int count(String dump, String which) {
        Matcher m = Pattern.compile(which + " Suboperations\\s*:\\s*(\\d+)").matcher(dump);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** (0008,0058) in the final response's data set, as dcmtk dumps it. */
    private static List<String> failedUids(String out) {
        Matcher m = Pattern.compile("\\(0008,0058\\) UI \\[([^\\]]*)\\]").matcher(out);
        List<String> uids = new ArrayList<>();
        while (m.find()) {
            uids = Arrays.stream(m.group(1).split("\\\\")).map(String::strip).filter(u -> !u.isEmpty()).toList();
        }
        return uids;
    }

    /**
     * getscu +B with {@code preference} first, one IMAGE-level C-GET per series (query files), on
     * one association; the data sets it wrote, without their File Meta.
     */
    private Get getscu(String preference, List<Stored> instances, Path into) throws Exception {
        Path queries = Files.createDirectories(into.resolve("queries"));
        Path files = Files.createDirectories(into.resolve("received"));
        List<String> cmd = new ArrayList<>(List.of("getscu", "-v", "+v", "-S", "-aet", "GETSCU", "-aec", "VESALIUS", "+B", "-od",
                files.toString(), preference, "127.0.0.1", Integer.toString(listener.port())));
        Map<List<String>, List<String>> bySeries = new LinkedHashMap<>();
        instances.forEach(s -> bySeries.computeIfAbsent(List.of(s.studyUid(), s.seriesUid()), k -> new ArrayList<>())
                .add(s.sopInstanceUid()));
        int n = 0;
        for (var series : bySeries.entrySet()) {
            Dataset keys = new Dataset();
            keys.setString(Tags.QueryRetrieveLevel, VR.CS, "IMAGE");
            keys.setString(Tags.StudyInstanceUID, VR.UI, series.getKey().get(0));
            keys.setString(Tags.SeriesInstanceUID, VR.UI, series.getKey().get(1));
            keys.setString(Tags.SOPInstanceUID, VR.UI, series.getValue().toArray(String[]::new));
            Path q = queries.resolve("q" + n++ + ".dcm");
            try (OutputStream out = Files.newOutputStream(q)) {
                DicomWriter.writeFile(DicomFile.of(keys, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
            }
            cmd.add(q.toString());
        }
        String out = Dcmtk.run(cmd).output();
        Files.writeString(into.resolve("getscu.log"), out);
        Map<String, byte[]> dataSets = new HashMap<>();
        SampleArchive.received(files).forEach((uid, part10) -> dataSets.put(uid, dataSetOf(part10)));
        return new Get(dataSets, out);
    }

    /** Storage SOP Class UIDs by their keyword, compared without case or punctuation. */
    private static final Map<String, String> UID_BY_NAME = UidRegistry.standard().storageSopClasses().stream()
            .collect(Collectors.toMap(e -> nameKey(e.keyword()), UidEntry::uid, (a, b) -> a));

    private static String nameKey(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The UID of a dcmtk name: the keyword, a retired class's prefixed {@code RETIRED_} where ours ends in "Retired". */
    private static String uidOfDcmtkName(String name) {
        if (name.startsWith("RETIRED_")) {
            String bare = name.substring("RETIRED_".length());
            return UID_BY_NAME.getOrDefault(nameKey(bare + "Retired"), UID_BY_NAME.get(nameKey(bare)));
        }
        return UID_BY_NAME.get(nameKey(name));
    }

    /**
     * The storage SOP Classes in getscu's association request ({@code +v}): dcmtk prints a known
     * UID's name after "=", which is the standard keyword for storage classes, else the UID.
     */
    static Set<String> proposedStorageClasses(String out) {
        int start = out.indexOf("BEGIN A-ASSOCIATE-RQ");
        int end = out.indexOf("END A-ASSOCIATE-RQ", start);
        Set<String> classes = new LinkedHashSet<>();
        Matcher m = Pattern.compile("Abstract Syntax: (=?)(\\S+)").matcher(out.substring(Math.max(0, start), Math.max(0, end)));
        while (m.find()) {
            String uid = m.group(1).isEmpty() ? m.group(2) : uidOfDcmtkName(m.group(2));
            if (uid != null) {
                classes.add(uid);
            }
        }
        return classes;
    }

    /** A Part 10 file's data set: what follows the File Meta, whose group length (0002,0000) dcmtk writes. */
    private static byte[] dataSetOf(byte[] part10) {
        assertThat(new String(part10, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        long groupLength = (part10[140] & 0xFFL) | (part10[141] & 0xFFL) << 8 | (part10[142] & 0xFFL) << 16
                | (part10[143] & 0xFFL) << 24;
        return Arrays.copyOfRange(part10, (int) (144 + groupLength), part10.length);
    }

    /**
     * What the toolkit's Transcoder makes of an Implicit VR Little Endian data set in Explicit VR
     * Little Endian: how the server converts, for C-GET as for WADO-RS (8-bit Pixel Data as OB).
     */
    private static byte[] explicitFromImplicit(byte[] implicit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.vesalius.dicom.codec.Transcoder.transcode(new ByteArrayInputStream(implicit), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out);
        return out.toByteArray();
    }

    /** The (inflated) data set from its top-level Pixel Data element on; empty when it has none. */
    private static byte[] fromPixelData(byte[] dataSet, TransferSyntax ts) throws IOException {
        byte[] plain = plain(dataSet, ts).readAllBytes();
        try (DicomStreamReader r = DicomStreamReader.forDataset(new ByteArrayInputStream(plain),
                ts.deflated() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : ts, ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            DicomStreamReader.Token t;
            do {
                t = r.next();
            } while (t != DicomStreamReader.Token.STOPPED && t != DicomStreamReader.Token.END);
            return t == DicomStreamReader.Token.END ? new byte[0] : Arrays.copyOfRange(plain, (int) r.position(), plain.length);
        }
    }

    private static ByteArrayInputStream plain(byte[] dataSet, TransferSyntax ts) throws IOException {
        if (!ts.deflated()) {
            return new ByteArrayInputStream(dataSet);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(dataSet), new Inflater(true))) {
            in.transferTo(out);
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    // ------------------------------------------------------------------ choosing

    /** A study with (or without) native and encapsulated instances that storescp takes. */
    private String studyWith(boolean withNative, boolean withCompressed) {
        return archive.stored.stream().collect(Collectors.groupingBy(Stored::studyUid)).entrySet().stream()
                .filter(e -> e.getValue().stream().allMatch(Stored::deliverable))
                .filter(e -> !withNative || e.getValue().stream().anyMatch(s -> !s.encapsulated()))
                .filter(e -> !withCompressed || e.getValue().stream().anyMatch(Stored::encapsulated))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** The patient (with a Patient ID) whose instances come in the most transfer syntaxes. */
    private PatientId patientWithMostSyntaxes() {
        return archive.deliverable().stream().filter(s -> !s.patient().id().isEmpty())
                .collect(Collectors.groupingBy(Stored::patient, Collectors.mapping(Stored::transferSyntaxUid, Collectors.toSet())))
                .entrySet().stream().max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()))
                .orElseThrow().getKey();
    }

    /** Waits until the index holds the patient's studies (ingest indexes at once; Elasticsearch shows them after its refresh). */
    private void awaitIndexed(String patientId, int studies) throws InterruptedException {
        Query q = new Query(QueryLevel.STUDY, List.of(new AttributeMatch(QueryAttributes.get(Tags.PatientID),
                new Condition.SingleValue(patientId))), new org.vesalius.vna.archive.api.query.ReturnKeys(false, false,
                Set.of(Tags.StudyInstanceUID)), 0, 0, false, List.of());
        for (int i = 0; i < 600 && queries.query(q).matches().size() < studies; i++) {
            Thread.sleep(100);
        }
    }

    private static Set<String> uids(List<Stored> stored) {
        return stored.stream().map(Stored::sopInstanceUid).collect(Collectors.toSet());
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }
}
