package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.testsupport.peers.OrthancConfig;
import org.vesalius.testsupport.peers.OrthancExtension;
import org.vesalius.testsupport.peers.OrthancProcess;

/** Our C-FIND SCU against Orthanc, which holds the shared samples: counts at every level agree with its REST API. */
class FindOrthancIT {

    @RegisterExtension
    static final OrthancExtension ORTHANC = new OrthancExtension(OrthancConfig::defaults);

    private static final List<String> uploaded = new ArrayList<>();

    @BeforeAll
    static void upload() throws Exception {
        if (!ORTHANC.running() || SendableSamples.get().isEmpty()) {
            return;
        }
        TestArchive archive = TestArchive.of(SendableSamples.get().stream().map(s -> s.sample().path()).toList());
        for (TestArchive.Instance i : archive.instances()) {
            try {
                ORTHANC.get().upload(i.file());
                uploaded.add(i.get(Tags.SOPInstanceUID));
            } catch (IOException refused) {
                // Orthanc's own judgement of a sample; the counts below come from Orthanc itself
            }
        }
    }

    private static AssociationRequest request(OrthancProcess orthanc) {
        return AssociationRequest.builder("VNATEST", orthanc.aet())
                .propose(UID.PatientRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian)
                .propose(UID.StudyRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian)
                .propose(UID.Verification, UID.ImplicitVRLittleEndian).build();
    }

    private static Dataset keys(String level, int... returnKeys) {
        Dataset d = new Dataset();
        d.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        for (int tag : returnKeys) {
            d.setBytes(tag, org.vesalius.dicom.data.ElementDictionary.standard().vrOf(tag), new byte[0]);
        }
        return d;
    }

    private static Set<String> find(DimseClient scu, Association as, String model, Dataset keys, int tag) {
        Set<String> values = new HashSet<>();
        int[] count = new int[1];
        try (FindMatches matches = scu.find(as, model, keys)) {
            for (Dataset m : matches) {
                values.add(m.getString(tag, ""));
                count[0]++;
            }
            assertThat(matches.finalResponse()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(values).as("one response per entity").hasSize(count[0]);
        return values;
    }

    @Test
    void countsAtEveryLevelAgreeWithOrthanc() throws Exception {
        SendableSamples.require();
        assumeTrue(!uploaded.isEmpty(), "Orthanc accepted none of the samples");
        OrthancProcess orthanc = ORTHANC.get();
        JsonNode stats = orthanc.getJson("/statistics");
        DimseClient scu = Scp.client(Scp.options());
        try (Association as = scu.connect("127.0.0.1", orthanc.dicomPort(), request(orthanc))) {
            String patientRoot = UID.PatientRootQueryRetrieveInformationModelFind;
            String studyRoot = UID.StudyRootQueryRetrieveInformationModelFind;
            assertThat(find(scu, as, patientRoot, keys("PATIENT", Tags.PatientID, Tags.PatientName), Tags.PatientID))
                    .hasSize(stats.path("CountPatients").asInt());
            Set<String> studies = find(scu, as, studyRoot, keys("STUDY", Tags.StudyInstanceUID, Tags.PatientID),
                    Tags.StudyInstanceUID);
            assertThat(studies).hasSize(stats.path("CountStudies").asInt());
            Set<String> restStudies = new HashSet<>();
            orthanc.studies().forEach(s -> restStudies.add(s.studyInstanceUid()));
            assertThat(studies).isEqualTo(restStudies);
            assertThat(find(scu, as, studyRoot, keys("SERIES", Tags.SeriesInstanceUID, Tags.Modality), Tags.SeriesInstanceUID))
                    .hasSize(stats.path("CountSeries").asInt());
            Set<String> images = find(scu, as, studyRoot, keys("IMAGE", Tags.SOPInstanceUID, Tags.SOPClassUID),
                    Tags.SOPInstanceUID);
            assertThat(images).hasSize(stats.path("CountInstances").asInt()).containsAll(uploaded);
            // Hierarchical: the images of each of a few studies add up to that study's count.
            for (String study : studies.stream().sorted().limit(5).toList()) {
                Dataset k = keys("IMAGE", Tags.SOPInstanceUID, Tags.NumberOfStudyRelatedInstances);
                k.setString(Tags.StudyInstanceUID, VR.UI, study);
                Dataset s = keys("STUDY", Tags.NumberOfStudyRelatedInstances);
                s.setString(Tags.StudyInstanceUID, VR.UI, study);
                int expected;
                try (FindMatches one = scu.find(as, studyRoot, s)) {
                    expected = one.stream().findFirst().orElseThrow().getInt(Tags.NumberOfStudyRelatedInstances, -1);
                }
                assertThat(find(scu, as, studyRoot, k, Tags.SOPInstanceUID)).hasSize(expected);
            }
        }
    }

    /** Closing a query early cancels it; the association stays usable. */
    @Test
    void closingEarlyCancels() throws Exception {
        assumeTrue(uploaded.size() > 10, "too few samples uploaded");
        OrthancProcess orthanc = ORTHANC.get();
        DimseClient scu = Scp.client(Scp.options());
        try (Association as = scu.connect("127.0.0.1", orthanc.dicomPort(), request(orthanc))) {
            FindMatches matches = scu.find(as, UID.StudyRootQueryRetrieveInformationModelFind,
                    keys("IMAGE", Tags.SOPInstanceUID));
            try (matches) {
                assertThat(matches.iterator().next()).isNotNull();
            }
            assertThat(matches.finalResponse()).isPresent();
            assertThat(matches.finalResponse().get().status().category())
                    .isIn(DicomStatus.Category.CANCEL, DicomStatus.Category.SUCCESS);
            assertThat(scu.echo(as).status()).isEqualTo(DicomStatus.SUCCESS);
        }
    }
}
