package org.vesalius.vna.archive.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.AssociationInfo;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.net.service.FindRequest;
import org.vesalius.dicom.net.ul.PresentationContext;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.QueryIndex;
import org.vesalius.vna.archive.query.QueryFeature;

class CFindScpTest {

    /** Answers every query with two studies and records what it was asked. */
    static final class TwoStudies implements QueryIndex {
        final List<Query> asked = new ArrayList<>();
        boolean down;

        @Override
        public Page find(Query query, Set<Integer> fetch, boolean everything) {
            if (down) {
                throw new IndexUnavailableException("connection refused", null);
            }
            asked.add(query);
            return new Page(List.of(study("1.2.3"), study("1.2.4")), 2, false);
        }

        private static Dataset study(String uid) {
            return new Dataset().setString(Tags.StudyInstanceUID, VR.UI, uid);
        }
    }

    private final TwoStudies index = new TwoStudies();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final CFindScp scp = new CFindScp(QueryFeature.create(index, 100), audited::add);

    @Test
    void everyQueryIsAuditedWithItsCallerPatientAndIdentifierAndFailuresToo() {
        Dataset id = identifier("STUDY", "20240101-").setString(Tags.PatientID, VR.LO, "P-9");
        scp.find(request(UID.StudyRootQueryRetrieveInformationModelFind, id)).toList();
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditEvent.Action.QUERY);
            assertThat(e.protocol()).isEqualTo("C-FIND");
            assertThat(e.actor().aeTitle()).isEqualTo("FINDSCU");
            assertThat(e.patient()).isEqualTo(new PatientId("P-9", ""));
            assertThat(e.query()).contains("20240101-").contains("P-9");
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        });
        Dataset wildcard = identifier("STUDY", "").setString(Tags.PatientID, VR.LO, "P*");
        scp.find(request(UID.StudyRootQueryRetrieveInformationModelFind, wildcard)).toList();
        assertThat(audited.get(1).patient()).as("a wildcard names no patient").isNull();
        assertThatThrownBy(() -> scp.find(request(UID.StudyRootQueryRetrieveInformationModelFind, identifier("STUDY", "2024-13-45"))));
        assertThat(audited.get(2).outcome()).isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
        index.down = true;
        assertThatThrownBy(() -> scp.find(request(UID.StudyRootQueryRetrieveInformationModelFind, identifier("STUDY", ""))));
        assertThat(audited.get(3).outcome()).isEqualTo(AuditEvent.Outcome.SERIOUS_FAILURE);
    }

    @Test
    void theUserAnAssociationsIdentityProvedIsTheAuditedActor() {
        AssociationInfo association = new AssociationInfo("FINDSCU", "VESALIUS", false, new InetSocketAddress("127.0.0.1", 4242),
                null, "FINDSCU->VESALIUS", () -> "dr-house");
        PresentationContext pc = new PresentationContext(1, UID.StudyRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian,
                PresentationContextResult.Result.ACCEPTANCE, true, false);
        scp.find(new FindRequest(association, pc, 1, UID.StudyRootQueryRetrieveInformationModelFind, CommandSet.Priority.MEDIUM,
                identifier("STUDY", "20240101-"))).toList();
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.actor().user()).isEqualTo("dr-house");
            assertThat(e.actor().aeTitle()).isEqualTo("FINDSCU");
        });
    }

    @Test
    void studyRootQueriesGoThroughTheOneQueryService() {
        List<Dataset> matches = scp.find(request(UID.StudyRootQueryRetrieveInformationModelFind, identifier("STUDY", "20240101-"))).toList();
        assertThat(matches).extracting(d -> d.getString(Tags.StudyInstanceUID)).containsExactly("1.2.3", "1.2.4");
        assertThat(index.asked).singleElement().extracting(Query::level).isEqualTo(QueryLevel.STUDY);
    }

    @Test
    void patientRootIsUnderstoodToo() {
        Dataset id = new Dataset().setString(Tags.QueryRetrieveLevel, VR.CS, "PATIENT").setString(Tags.PatientID, VR.LO, "12345");
        scp.find(request(UID.PatientRootQueryRetrieveInformationModelFind, id)).toList();
        assertThat(index.asked).singleElement().extracting(Query::level).isEqualTo(QueryLevel.PATIENT);
    }

    @Test
    void aMalformedIdentifierIsA900() {
        assertThatThrownBy(() -> scp.find(request(UID.StudyRootQueryRetrieveInformationModelFind, identifier("STUDY", "2024-13-45"))))
                .isInstanceOfSatisfying(DicomServiceException.class,
                        e -> assertThat(e.status()).isEqualTo(DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS));
        assertThatThrownBy(() -> scp.find(request(UID.StudyRootQueryRetrieveInformationModelFind, identifier("NOT-A-LEVEL", ""))))
                .isInstanceOfSatisfying(DicomServiceException.class,
                        e -> assertThat(e.status()).isEqualTo(DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS));
    }

    @Test
    void anUnreachableIndexIsOutOfResources() {
        index.down = true;
        assertThatThrownBy(() -> scp.find(request(UID.StudyRootQueryRetrieveInformationModelFind, identifier("STUDY", ""))))
                .isInstanceOfSatisfying(DicomServiceException.class,
                        e -> assertThat(e.status()).isEqualTo(DicomStatus.OUT_OF_RESOURCES));
    }

    @Test
    void otherInformationModelsAreNotSupported() {
        assertThatThrownBy(() -> scp.find(request("1.2.840.10008.5.1.4.31", identifier("STUDY", ""))))
                .isInstanceOfSatisfying(DicomServiceException.class,
                        e -> assertThat(e.status()).isEqualTo(DicomStatus.SOP_CLASS_NOT_SUPPORTED));
    }

    private static Dataset identifier(String level, String studyDate) {
        return new Dataset()
                .setString(Tags.QueryRetrieveLevel, VR.CS, level)
                .setString(Tags.StudyDate, VR.DA, studyDate)
                .setBytes(Tags.StudyInstanceUID, VR.UI, null);
    }

    private static FindRequest request(String sopClass, Dataset identifier) {
        AssociationInfo association = new AssociationInfo("FINDSCU", "VESALIUS", false,
                new InetSocketAddress("127.0.0.1", 4242), null, "FINDSCU->VESALIUS");
        PresentationContext pc = new PresentationContext(1, sopClass, UID.ExplicitVRLittleEndian,
                PresentationContextResult.Result.ACCEPTANCE, true, false);
        return new FindRequest(association, pc, 1, sopClass, CommandSet.Priority.MEDIUM, identifier);
    }
}
