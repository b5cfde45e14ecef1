package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.TestArchive.Instance;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.TransferCapability;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.DcmtkProcess;
import org.vesalius.testsupport.peers.OrthancConfig;
import org.vesalius.testsupport.peers.OrthancExtension;
import org.vesalius.testsupport.peers.OrthancProcess;

/**
 * Our C-MOVE and C-GET SCU against Orthanc holding the shared samples: moves to dcmtk's storescp
 * and to our own SCP, gets into our receiver; the counts reconcile with C-FIND.
 */
class RetrieveOrthancIT {

    @RegisterExtension
    static final OrthancExtension ORTHANC = new OrthancExtension(OrthancConfig::defaults);

    private static TestArchive uploaded;
    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void upload() throws Exception {
        if (!ORTHANC.running() || SendableSamples.get().isEmpty()) {
            return;
        }
        TestArchive all = TestArchive.of(SendableSamples.get().stream().map(s -> s.sample().path()).toList());
        List<Path> accepted = new ArrayList<>();
        for (Instance i : all.instances()) {
            try {
                ORTHANC.get().upload(i.file());
                accepted.add(i.file());
            } catch (IOException refused) {
                // Orthanc's judgement; what it holds is what the tests expect back
            }
        }
        uploaded = TestArchive.of(accepted);
    }

    @BeforeEach
    void require() {
        SendableSamples.require();
        assumeTrue(uploaded != null && !uploaded.instances().isEmpty(), "Orthanc accepted none of the samples");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private Association connect(AssociationRequest.Builder rq) throws IOException {
        OrthancProcess orthanc = ORTHANC.get();
        Association as = Scp.client(Scp.options()).connect("127.0.0.1", orthanc.dicomPort(), rq.build());
        cleanup.add(as);
        return as;
    }

    private static AssociationRequest.Builder qr() {
        AssociationRequest.Builder rq = AssociationRequest.builder("VNATEST", ORTHANC.get().aet());
        Retrieves.MODELS.forEach(m -> rq.propose(m, UID.ExplicitVRLittleEndian));
        return rq;
    }

    private static Dataset keys(String level, String study) {
        Dataset k = new Dataset();
        k.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        k.setString(Tags.StudyInstanceUID, VR.UI, study);
        if (level.equals("IMAGE")) {
            k.setBytes(Tags.SOPInstanceUID, VR.UI, new byte[0]);
        }
        return k;
    }

    /** The SOP Instance UIDs Orthanc finds in a study (C-FIND at IMAGE level). */
    private static Set<String> found(Association as, String study) throws IOException {
        try (FindMatches m = Scp.client(Scp.options()).find(as, UID.StudyRootQueryRetrieveInformationModelFind,
                keys("IMAGE", study))) {
            return m.stream().map(d -> d.getString(Tags.SOPInstanceUID)).collect(Collectors.toSet());
        }
    }

    @Test
    void moveToStorescp() throws Exception {
        Dcmtk.require("storescp");
        Path into = Files.createDirectories(dir.resolve("dest"));
        DcmtkProcess storescp = DcmtkProcess.start(port -> DcmtkProcess.args("storescp", "-aet", "DEST", "-od",
                into.toString(), "+B", "-F", "+xa", String.valueOf(port)));
        cleanup.add(storescp);
        ORTHANC.get().putModality("dest", new OrthancConfig.Peer("DEST", "127.0.0.1", storescp.port()), Map.of());
        String study = Retrieves.mixedStudy(uploaded);
        Association as = connect(qr());
        Set<String> expected = found(as, study);
        List<SubOperations> pendings = new ArrayList<>();
        RetrieveResult r = Scp.client(Scp.options()).move(as, UID.StudyRootQueryRetrieveInformationModelMove,
                keys("STUDY", study), "DEST", org.vesalius.dicom.net.dimse.CommandSet.Priority.MEDIUM, pendings::add);
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(r.subOperations().completed()).isEqualTo(expected.size()).isEqualTo(uploaded.study(study).size());
        assertThat(pendings).isNotEmpty();
        Set<String> got = SendableSamples.list(into).stream().map(p -> p.getFileName().toString())
                .map(n -> n.substring(n.indexOf('.') + 1)).collect(Collectors.toSet());
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void moveToOurScp() throws Exception {
        Map<String, StoreRequest> received = new ConcurrentHashMap<>();
        ApplicationEntity ae = StorageSopClasses.acceptAll(ApplicationEntity.builder("OURS").options(Scp.options()),
                TransferCapability.Role.SCP).build();
        DicomServer ours = DicomServer.builder(ae, DimseServiceRegistry.builder().store((request, dataSet) -> {
            dataSet.transferTo(java.io.OutputStream.nullOutputStream());
            received.put(request.sopInstanceUid(), request);
            return DicomStatus.SUCCESS;
        }).build()).port(0).start();
        cleanup.add(ours);
        ORTHANC.get().putModality("ours", new OrthancConfig.Peer("OURS", "127.0.0.1", ours.port()), Map.of());
        Association as = connect(qr());
        int total = 0;
        Set<String> expected = new LinkedHashSet<>();
        Map<String, Long> sizes = uploaded.instances().stream()
                .collect(Collectors.groupingBy(i -> i.get(Tags.StudyInstanceUID), Collectors.counting()));
        List<String> largest = sizes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5).map(Map.Entry::getKey).toList();
        for (String study : largest) {
            Set<String> inStudy = found(as, study);
            RetrieveResult r = Scp.client(Scp.options()).move(as, UID.StudyRootQueryRetrieveInformationModelMove,
                    keys("STUDY", study), "OURS");
            assertThat(r.status()).as(study).isEqualTo(DicomStatus.SUCCESS);
            assertThat(r.subOperations().completed()).as(study).isEqualTo(inStudy.size());
            total += inStudy.size();
            expected.addAll(inStudy);
        }
        assertThat(received.keySet()).hasSize(total).isEqualTo(expected);
        assertThat(received.values()).allSatisfy(rq -> {
            assertThat(rq.moveOriginatorAeTitle()).isEqualTo("VNATEST");
            assertThat(rq.association().callingAeTitle()).isEqualTo(ORTHANC.get().aet());
        });
    }

    /** Orthanc's answer to an unknown destination: C000, not the standard A801 (docs/peers/orthanc.md). */
    @Test
    void moveToUnknownDestination() throws Exception {
        RetrieveResult r = Scp.client(Scp.options()).move(connect(qr()), UID.StudyRootQueryRetrieveInformationModelMove,
                keys("STUDY", Retrieves.mixedStudy(uploaded)), "NOBODY");
        assertThat(r.status().code()).isEqualTo(0xC000);
        assertThat(r.subOperations().attempted()).isZero();
    }

    @Test
    void getIntoOurReceiver() throws Exception {
        String study = Retrieves.mixedStudy(uploaded);
        List<Instance> instances = uploaded.study(study);
        AssociationRequest.Builder rq = qr();
        StorageSopClasses.proposeScpRole(rq, instances.stream().map(i -> i.get(Tags.SOPClassUID)).distinct().toList(),
                instances.stream().map(Retrieves::syntax).distinct().toList());
        Association as = connect(rq);
        Set<String> expected = found(as, study);
        Map<String, byte[]> received = new ConcurrentHashMap<>();
        RetrieveResult r = Scp.client(Scp.options()).get(as, UID.StudyRootQueryRetrieveInformationModelGet,
                keys("STUDY", study), (request, dataSet) -> {
                    received.put(request.sopInstanceUid(), dataSet.readAllBytes());
                    return DicomStatus.SUCCESS;
                });
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(r.subOperations().completed()).isEqualTo(expected.size());
        assertThat(received.keySet()).isEqualTo(expected);
        for (Instance i : instances) {
            assertThat(received.get(i.get(Tags.SOPInstanceUID))).as("%s as uploaded", i.file())
                    .isEqualTo(Retrieves.expected(i.file()));
        }
    }
}
