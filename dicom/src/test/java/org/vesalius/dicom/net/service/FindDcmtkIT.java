package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.net.service.TestArchive.Instance;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.testsupport.peers.Dcmtk;

/** dcmtk's findscu against our C-FIND SCP: Patient Root and Study Root at every level, and C-CANCEL. */
class FindDcmtkIT {

    private static TestArchive archive;
    private static DicomServer server;
    private static final AtomicBoolean endlessClosed = new AtomicBoolean();

    @BeforeAll
    static void start() throws Exception {
        List<SendableSamples.Sendable> sendable = SendableSamples.get();
        if (sendable.isEmpty() || !Dcmtk.available("findscu")) {
            return;
        }
        archive = TestArchive.of(sendable.stream().map(s -> s.sample().path()).toList());
        CFindHandler endless = request -> Stream.generate(() -> {
            Dataset d = new Dataset();
            d.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
            d.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3.4");
            return d;
        }).onClose(() -> endlessClosed.set(true));
        ApplicationEntity ae = ApplicationEntity.builder(Scp.AET).options(Scp.options())
                .acceptScp(UID.PatientRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .acceptScp(UID.StudyRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .acceptScp(UID.ModalityWorklistInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .build();
        server = Scp.start(ae, DimseServiceRegistry.builder()
                .find(UID.PatientRootQueryRetrieveInformationModelFind, archive::find)
                .find(UID.StudyRootQueryRetrieveInformationModelFind, archive::find)
                .find(UID.ModalityWorklistInformationModelFind, endless)
                .build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void require() {
        Dcmtk.require("findscu");
        SendableSamples.require();
    }

    private static Dcmtk.Result findscu(String root, String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("findscu", "-v", root, "-aet", "FINDSCU", "-aec", Scp.AET));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        cmd.addAll(List.of("127.0.0.1", String.valueOf(server.port())));
        Dcmtk.Result r = Dcmtk.run(cmd);
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(r.stderr()).contains("Received Final Find Response (Success)");
        return r;
    }

    /** An element line of dcmtk's dump: a value in brackets, or "(no value available)" for an empty one. */
    private static final Pattern ELEMENT = Pattern.compile(
            "^(?:I: )?\\(([0-9a-f]{4},[0-9a-f]{4})\\) \\S\\S (?:\\[(.*?)\\]|\\(no value available\\))", Pattern.MULTILINE);

    /** The values of {@code tag} in the responses findscu logs (after its dump of the request). */
    private static List<String> values(Dcmtk.Result r, String tag) {
        int start = r.stderr().indexOf("Find Response");
        List<String> out = new ArrayList<>();
        if (start < 0) {
            return out;
        }
        Matcher m = ELEMENT.matcher(r.stderr().substring(start));
        while (m.find()) {
            if (m.group(1).equals(tag)) {
                out.add(m.group(2) == null ? "" : m.group(2).trim());
            }
        }
        return out;
    }

    private static Set<String> distinct(Stream<Instance> instances, Function<Instance, String> key) {
        return instances.map(key).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A patient with several studies, a study of it with several series, a series of it: the hierarchy to walk. */
    private record Path3(String patient, String study, String series) {
    }

    private static Path3 richest() {
        Map<String, Long> studiesPerPatient = archive.instances().stream().filter(i -> i.get(Tags.PatientID).matches("[A-Za-z0-9._-]+"))
                .collect(Collectors.groupingBy(i -> i.get(Tags.PatientID), Collectors.mapping(i -> i.get(Tags.StudyInstanceUID),
                        Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        String patient = studiesPerPatient.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String study = archive.instances().stream().filter(i -> i.get(Tags.PatientID).equals(patient))
                .collect(Collectors.groupingBy(i -> i.get(Tags.StudyInstanceUID), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String series = archive.instances().stream().filter(i -> i.get(Tags.StudyInstanceUID).equals(study))
                .collect(Collectors.groupingBy(i -> i.get(Tags.SeriesInstanceUID), Collectors.counting()))
                .entrySet().stream().max(Comparator.comparing(Map.Entry::getValue)).orElseThrow().getKey();
        return new Path3(patient, study, series);
    }

    @Test
    void patientRootEveryLevel() throws Exception {
        require();
        Path3 p = richest();
        Dcmtk.Result patients = findscu("-P", "QueryRetrieveLevel=PATIENT", "PatientID", "PatientName");
        assertThat(values(patients, "0010,0020")).containsExactlyInAnyOrderElementsOf(
                distinct(archive.instances().stream(), i -> i.get(Tags.PatientID)));
        Dcmtk.Result studies = findscu("-P", "QueryRetrieveLevel=STUDY", "PatientID=" + p.patient(), "StudyInstanceUID",
                "StudyDate");
        assertThat(values(studies, "0020,000d")).containsExactlyInAnyOrderElementsOf(distinct(archive.instances().stream()
                .filter(i -> i.get(Tags.PatientID).equals(p.patient())), i -> i.get(Tags.StudyInstanceUID)));
        Dcmtk.Result series = findscu("-P", "QueryRetrieveLevel=SERIES", "PatientID=" + p.patient(),
                "StudyInstanceUID=" + p.study(), "SeriesInstanceUID", "Modality");
        assertThat(values(series, "0020,000e")).containsExactlyInAnyOrderElementsOf(distinct(archive.instances().stream()
                .filter(i -> i.get(Tags.StudyInstanceUID).equals(p.study())), i -> i.get(Tags.SeriesInstanceUID)));
        Dcmtk.Result images = findscu("-P", "QueryRetrieveLevel=IMAGE", "PatientID=" + p.patient(),
                "StudyInstanceUID=" + p.study(), "SeriesInstanceUID=" + p.series(), "SOPInstanceUID", "SOPClassUID");
        assertThat(values(images, "0008,0018")).containsExactlyInAnyOrderElementsOf(distinct(archive.instances().stream()
                .filter(i -> i.get(Tags.SeriesInstanceUID).equals(p.series())), i -> i.get(Tags.SOPInstanceUID)));
    }

    @Test
    void studyRootEveryLevel() throws Exception {
        require();
        Path3 p = richest();
        Dcmtk.Result studies = findscu("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientID", "PatientName",
                "StudyDate");
        Set<String> allStudies = distinct(archive.instances().stream(), i -> i.get(Tags.StudyInstanceUID));
        assertThat(values(studies, "0020,000d")).containsExactlyInAnyOrderElementsOf(allStudies);
        assertThat(allStudies).hasSizeGreaterThan(20);
        Dcmtk.Result series = findscu("-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + p.study(),
                "SeriesInstanceUID", "Modality", "SeriesNumber");
        assertThat(values(series, "0020,000e")).containsExactlyInAnyOrderElementsOf(distinct(archive.instances().stream()
                .filter(i -> i.get(Tags.StudyInstanceUID).equals(p.study())), i -> i.get(Tags.SeriesInstanceUID)));
        Dcmtk.Result images = findscu("-S", "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + p.study(),
                "SeriesInstanceUID=" + p.series(), "SOPInstanceUID", "InstanceNumber");
        assertThat(values(images, "0008,0018")).containsExactlyInAnyOrderElementsOf(distinct(archive.instances().stream()
                .filter(i -> i.get(Tags.SeriesInstanceUID).equals(p.series())), i -> i.get(Tags.SOPInstanceUID)));
        Dcmtk.Result modality = findscu("-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID", "SeriesInstanceUID",
                "Modality=MR");
        assertThat(values(modality, "0008,0060")).isNotEmpty().allMatch("MR"::equals);
    }

    /** findscu --cancel: the SCP stops an endless stream of matches, answers Cancel and closes the stream. */
    @Test
    void cancel() throws Exception {
        require();
        List<String> cmd = List.of("findscu", "-v", "-W", "--cancel", "3", "-aet", "FINDSCU", "-aec", Scp.AET,
                "-k", "PatientName", "127.0.0.1", String.valueOf(server.port()));
        Dcmtk.Result r = Dcmtk.run(cmd);
        assertThat(r.stderr()).contains("Sending Cancel Request").contains("Received Final Find Response (Cancel: MatchingTerminatedDueToCancelRequest)");
        assertThat(endlessClosed.get()).isTrue();
    }
}
