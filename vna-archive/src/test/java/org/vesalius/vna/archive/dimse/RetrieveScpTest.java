package org.vesalius.vna.archive.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.CStoreHandler;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.service.DimseServiceRegistry;
import org.vesalius.dicom.net.service.MoveDestination;
import org.vesalius.dicom.net.service.MoveDestinationResolver;
import org.vesalius.dicom.net.service.RetrieveResult;
import org.vesalius.dicom.net.service.StorageSopClasses;
import org.vesalius.dicom.net.service.StoreRequest;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.TransferCapability;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.QueryIndex;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.query.PatientStudies;
import org.vesalius.vna.archive.query.QueryFeature;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.retrieve.RetrieveSettings;

/**
 * The C-MOVE / C-GET SCP over loopback with our own toolkit on both ends: an archive of generated
 * instances in a temporary filesystem store, our SCP, a destination that records what it gets,
 * and an SCU. The stored data set bytes are the reference.
 */
class RetrieveScpTest {

    private static final String MOVE = UID.StudyRootQueryRetrieveInformationModelMove;
    private static final String GET = UID.StudyRootQueryRetrieveInformationModelGet;
    private static final String STUDY_A = "1.2.826.0.1.3680043.2.1125.10";
    private static final String STUDY_B = "1.2.826.0.1.3680043.2.1125.20";
    private static final String SERIES_A1 = STUDY_A + ".1";
    private static final String SERIES_A2 = STUDY_A + ".2";
    private static final String SERIES_B1 = STUDY_B + ".1";

    /** Answers PATIENT-level lookups with the studies it is told, and records the queries. */
    static final class PatientIndex implements QueryIndex {
        final List<Query> asked = new ArrayList<>();
        volatile boolean down;

        @Override
        public Page find(Query query, Set<Integer> fetch, boolean everything) {
            if (down) {
                throw new IndexUnavailableException("connection refused (test)", null);
            }
            asked.add(query);
            boolean p1 = query.match(Tags.PatientID).map(m -> m.condition().equals(new Condition.SingleValue("P1"))).orElse(false)
                    || query.patients().contains(new PatientId("P1", "HOSP_A"));
            List<Dataset> studies = p1 ? List.of(study(STUDY_A), study(STUDY_B)) : List.of();
            return new Page(studies, studies.size(), false);
        }

        private static Dataset study(String uid) {
            return new Dataset().setString(Tags.StudyInstanceUID, VR.UI, uid).setString(Tags.PatientID, VR.LO, "P1")
                    .setString(Tags.IssuerOfPatientID, VR.LO, "HOSP_A");
        }
    }

    @TempDir
    Path dir;
    private IngestFixture ingest;
    private Journal journal;
    private RetrieveService retrieve;
    private final PatientIndex index = new PatientIndex();
    /** Data set bytes as sent in, by SOP Instance UID. */
    private final Map<String, byte[]> sent = new LinkedHashMap<>();
    private final Map<String, byte[]> received = new ConcurrentHashMap<>();
    private final List<StoreRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private DicomServer destination;
    private DicomServer scp;
    private final DimseClient scu = DimseClient.of(DicomClient.builder().build());

    @BeforeEach
    void archive() throws IOException {
        ingest = new IngestFixture(dir.resolve("blobs"));
        journal = new Journal(ingest.blobs, Clock.systemUTC());
        retrieve = new RetrieveService(ingest.blobs, journal, RetrieveSettings.DEFAULT,
                new PatientStudies(QueryFeature.create(index, 100)));
        store(STUDY_A, SERIES_A1, STUDY_A + ".1.1", 1);
        store(STUDY_A, SERIES_A1, STUDY_A + ".1.2", 2);
        store(STUDY_A, SERIES_A2, STUDY_A + ".2.1", 3);
        store(STUDY_B, SERIES_B1, STUDY_B + ".1.1", 4);
        destination = start(StorageSopClasses.acceptAll(ApplicationEntity.builder("DEST"), TransferCapability.Role.SCP).build(),
                DimseServiceRegistry.builder().store(recording()).build());
        scp = ourScp(destination.port());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        retrieve.close();
        ingest.close();
    }

    private void store(String study, String series, String sop, int seed) {
        Dataset ds = TestObjects.ct(sop, "P1", "HOSP_A", 2048, seed);
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series);
        IngestResult r = ingest.service.ingest(IngestRequest.part10(IngestSource.dimse("MODALITY"),
                new ByteArrayInputStream(TestObjects.part10(ds)), null));
        assertThat(r).isInstanceOf(IngestResult.Stored.class);
        sent.put(sop, TestObjects.dataSet(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    private CStoreHandler recording() {
        return (request, dataSet) -> {
            requests.add(request);
            received.put(request.sopInstanceUid(), dataSet.readAllBytes());
            return DicomStatus.SUCCESS;
        };
    }

    private DicomServer start(ApplicationEntity ae, DimseServiceRegistry registry) throws IOException {
        DicomServer server = DicomServer.builder(ae, registry).port(0).start();
        cleanup.add(server);
        return server;
    }

    /** Our SCP as the server wires it: every model for MOVE and GET, DEST known at {@code destinationPort}. */
    private DicomServer ourScp(int destinationPort) throws IOException {
        RetrieveScp retrieves = new RetrieveScp(retrieve, audited::add);
        ApplicationEntity.Builder ae = StorageSopClasses.acceptAll(ApplicationEntity.builder("VESALIUS"), TransferCapability.Role.BOTH);
        DimseServiceRegistry.Builder registry = DimseServiceRegistry.builder()
                .moveDestinations(MoveDestinationResolver.of(List.of(MoveDestination.of("DEST", "127.0.0.1", destinationPort))));
        for (String model : List.of(UID.PatientRootQueryRetrieveInformationModelMove, UID.StudyRootQueryRetrieveInformationModelMove)) {
            ae.acceptScp(model, UID.ExplicitVRLittleEndian);
            registry.move(model, retrieves);
        }
        for (String model : List.of(UID.PatientRootQueryRetrieveInformationModelGet, UID.StudyRootQueryRetrieveInformationModelGet)) {
            ae.acceptScp(model, UID.ExplicitVRLittleEndian);
            registry.get(model, retrieves);
        }
        return start(ae.build(), registry.build());
    }

    private Association connect(AssociationRequest.Builder rq) throws IOException {
        Association as = scu.connect("127.0.0.1", scp.port(), rq.build());
        cleanup.add(as);
        return as;
    }

    private Association qr() throws IOException {
        AssociationRequest.Builder rq = AssociationRequest.builder("MOVESCU", "VESALIUS");
        Stream.of(UID.PatientRootQueryRetrieveInformationModelMove, UID.StudyRootQueryRetrieveInformationModelMove,
                UID.PatientRootQueryRetrieveInformationModelGet, GET).forEach(m -> rq.propose(m, UID.ExplicitVRLittleEndian));
        return connect(rq);
    }

    private static Dataset keys(String level, String... tagValuePairs) {
        Dataset d = new Dataset().setString(Tags.QueryRetrieveLevel, VR.CS, level);
        for (int i = 0; i < tagValuePairs.length; i += 2) {
            int tag = Integer.parseUnsignedInt(tagValuePairs[i], 16);
            d.setString(tag, tag == Tags.PatientID || tag == Tags.IssuerOfPatientID ? VR.LO : VR.UI, tagValuePairs[i + 1]);
        }
        return d;
    }

    private static final String STUDY_UID = "0020000D";
    private static final String SERIES_UID = "0020000E";
    private static final String SOP_UID = "00080018";
    private static final String PATIENT_ID = "00100020";
    private static final String ISSUER = "00100021";

    /** What the SCP audited; it records on its own threads, before the final response. */
    private final List<AuditEvent> audited = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void everyRetrieveIsAuditedAsAnExportWithItsOutcome() throws Exception {
        Association as = qr();
        scu.move(as, MOVE, keys("STUDY", STUDY_UID, STUDY_A + "\\" + STUDY_B), "DEST");
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditEvent.Action.EXPORT);
            assertThat(e.protocol()).isEqualTo("C-MOVE");
            assertThat(e.actor().aeTitle()).isEqualTo("MOVESCU");
            assertThat(e.actor().address()).isEqualTo("127.0.0.1");
            assertThat(e.studies()).containsExactlyInAnyOrder(STUDY_A, STUDY_B);
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(e.detail()).isEqualTo("to DEST");
        });
        scu.get(as, GET, keys("STUDY", STUDY_UID, "1.2.*"), recording());
        assertThat(audited.get(1).protocol()).isEqualTo("C-GET");
        assertThat(audited.get(1).outcome()).isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
        String broken = STUDY_A + ".1.2";
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            Files.write(files.filter(p -> p.getFileName().toString().equals(broken + ".dcm")).findFirst().orElseThrow(), new byte[] {1});
        }
        scu.move(as, MOVE, keys("STUDY", STUDY_UID, STUDY_A), "DEST");
        assertThat(audited.get(2).outcome()).isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
        assertThat(audited.get(2).detail()).isEqualTo("to DEST: 1 of 3 instances could not be read");
    }

    @Test
    void aStudyMovesWithTheStoredDataSetBytesPendingsAndOriginator() throws Exception {
        List<org.vesalius.dicom.net.service.SubOperations> pendings = new ArrayList<>();
        RetrieveResult r = scu.move(qr(), MOVE, keys("STUDY", STUDY_UID, STUDY_A), "DEST",
                org.vesalius.dicom.net.dimse.CommandSet.Priority.MEDIUM, pendings::add);
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(r.subOperations().completed()).isEqualTo(3);
        assertThat(pendings).extracting(org.vesalius.dicom.net.service.SubOperations::remaining).containsExactly(2, 1);
        assertThat(received.keySet()).containsExactlyInAnyOrder(STUDY_A + ".1.1", STUDY_A + ".1.2", STUDY_A + ".2.1");
        received.forEach((sop, bytes) -> assertThat(bytes).as(sop).isEqualTo(sent.get(sop)));
        assertThat(requests).allSatisfy(q -> {
            assertThat(q.moveOriginatorAeTitle()).isEqualTo("MOVESCU");
            assertThat(q.transferSyntaxUid()).isEqualTo(UID.ExplicitVRLittleEndian);
            assertThat(q.association().callingAeTitle()).isEqualTo("VESALIUS");
        });
    }

    @Test
    void listsOfStudiesSeriesAndInstancesSelectExactlyThose() throws Exception {
        Association as = qr();
        assertThat(scu.move(as, MOVE, keys("STUDY", STUDY_UID, STUDY_A + "\\" + STUDY_B), "DEST").subOperations().completed())
                .isEqualTo(4);
        received.clear();
        RetrieveResult series = scu.move(as, MOVE, keys("SERIES", STUDY_UID, STUDY_A, SERIES_UID, SERIES_A1), "DEST");
        assertThat(series.subOperations().completed()).isEqualTo(2);
        assertThat(received.keySet()).containsExactlyInAnyOrder(STUDY_A + ".1.1", STUDY_A + ".1.2");
        received.clear();
        RetrieveResult image = scu.move(as, MOVE, keys("IMAGE", STUDY_UID, STUDY_A, SERIES_UID, SERIES_A1,
                SOP_UID, STUDY_A + ".1.2\\" + STUDY_A + ".1.99"), "DEST");
        assertThat(image.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(received.keySet()).as("an unknown UID matches nothing").containsExactly(STUDY_A + ".1.2");
    }

    @Test
    void patientRootPatientLevelFindsThePatientsStudiesInTheIndex() throws Exception {
        Association as = qr();
        RetrieveResult r = scu.move(as, UID.PatientRootQueryRetrieveInformationModelMove,
                keys("PATIENT", PATIENT_ID, "P1", ISSUER, "HOSP_A"), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(received.keySet()).isEqualTo(sent.keySet());
        Query asked = index.asked.get(0);
        assertThat(asked.patients()).as("exactly this Patient ID and issuer").containsExactly(new PatientId("P1", "HOSP_A"));

        received.clear();
        RetrieveResult study = scu.move(as, UID.PatientRootQueryRetrieveInformationModelMove,
                keys("STUDY", PATIENT_ID, "P1", STUDY_UID, STUDY_B), "DEST");
        assertThat(study.subOperations().completed()).isEqualTo(1);
        assertThat(index.asked).as("below the PATIENT level the index is not asked").hasSize(1);
    }

    /** Nothing matches: success with no sub-operation, and the destination (where nobody listens) is never called. */
    @Test
    void nothingMatchingIsSuccessWithoutSubOperations() throws Exception {
        int nobody;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        scp = ourScp(nobody);
        Association as = qr();
        for (Dataset k : List.of(keys("STUDY", STUDY_UID, "1.2.3.4.5"), keys("SERIES", STUDY_UID, STUDY_A, SERIES_UID, "1.2.3"))) {
            RetrieveResult r = scu.move(as, MOVE, k, "DEST");
            assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
            assertThat(r.subOperations().completed() + r.subOperations().failed()).isZero();
        }
        RetrieveResult p = scu.move(as, UID.PatientRootQueryRetrieveInformationModelMove, keys("PATIENT", PATIENT_ID, "NOBODY"), "DEST");
        assertThat(p.status()).isEqualTo(DicomStatus.SUCCESS);
        RetrieveResult some = scu.move(as, MOVE, keys("STUDY", STUDY_UID, STUDY_B), "DEST");
        assertThat(some.status()).as("with a match it does try, and fails").isEqualTo(DicomStatus.OUT_OF_RESOURCES_SUB_OPERATIONS);
        assertThat(some.failedSopInstanceUids()).containsExactly(STUDY_B + ".1.1");
    }

    @Test
    void badIdentifiersAreA900NamingTheKeyAndUnknownDestinationsA801() throws Exception {
        Association as = qr();
        RetrieveResult noPatient = scu.move(as, UID.PatientRootQueryRetrieveInformationModelMove, keys("STUDY", STUDY_UID, STUDY_A),
                "DEST");
        assertThat(noPatient.status()).isEqualTo(DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(noPatient.errorComment()).startsWith("PatientID");
        RetrieveResult wildcard = scu.move(as, MOVE, keys("STUDY", STUDY_UID, "1.2.*"), "DEST");
        assertThat(wildcard.status()).isEqualTo(DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS);
        RetrieveResult badGet = scu.get(as, GET, keys("SERIES", STUDY_UID, STUDY_A), recording());
        assertThat(badGet.status()).isEqualTo(DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(badGet.errorComment()).startsWith("SeriesInstanceUID");
        RetrieveResult unknown = scu.move(as, MOVE, keys("STUDY", STUDY_UID, STUDY_A), "NOBODY");
        assertThat(unknown.status()).isEqualTo(DicomStatus.MOVE_DESTINATION_UNKNOWN);
        assertThat(received).isEmpty();
    }

    @Test
    void theIndexDownRefusesPatientLevelWithA701AndNothingElse() throws Exception {
        index.down = true;
        Association as = qr();
        RetrieveResult p = scu.move(as, UID.PatientRootQueryRetrieveInformationModelMove, keys("PATIENT", PATIENT_ID, "P1"), "DEST");
        assertThat(p.status()).isEqualTo(DicomStatus.OUT_OF_RESOURCES_MATCHES);
        RetrieveResult s = scu.move(as, MOVE, keys("STUDY", STUDY_UID, STUDY_B), "DEST");
        assertThat(s.status()).as("the blob store is the truth").isEqualTo(DicomStatus.SUCCESS);
    }

    /** After a patient update in the journal: the new header, the same pixel data bytes, the old values kept. */
    @Test
    void theJournalIsAppliedAndPixelDataIsUnchanged() throws Exception {
        journal.append(new PatientId("P1", "HOSP_A"), new Dataset().setString(Tags.PatientName, VR.PN, "Renamed^Patient"),
                "registration fix", "test");
        RetrieveResult r = scu.move(qr(), MOVE, keys("STUDY", STUDY_UID, STUDY_B), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        String sop = STUDY_B + ".1.1";
        Dataset got = read(received.get(sop));
        Dataset original = read(sent.get(sop));
        assertThat(got.getString(Tags.PatientName)).isEqualTo("Renamed^Patient");
        assertThat(got.getString(Tags.PatientID)).isEqualTo("P1");
        assertThat(got.getBytes(Tags.PixelData)).isEqualTo(original.getBytes(Tags.PixelData));
        assertThat(got.getSequence(Tags.OriginalAttributesSequence)).as("what was changed is kept").isNotNull();
    }

    /** A stored object that cannot be read when its turn comes fails its own sub-operation: B000, its UID listed. */
    @Test
    void anUnreadableInstanceFailsOnlyItsSubOperation() throws Exception {
        String broken = STUDY_A + ".1.2";
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            Path blob = files.filter(p -> p.getFileName().toString().equals(broken + ".dcm")).findFirst().orElseThrow();
            Files.write(blob, new byte[] {1, 2, 3});
        }
        RetrieveResult r = scu.move(qr(), MOVE, keys("STUDY", STUDY_UID, STUDY_A), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.SUB_OPERATIONS_WITH_FAILURES);
        assertThat(r.subOperations().completed()).isEqualTo(2);
        assertThat(r.failedSopInstanceUids()).containsExactly(broken);
        assertThat(received.keySet()).containsExactlyInAnyOrder(STUDY_A + ".1.1", STUDY_A + ".2.1");
    }

    /** A deflated instance for a destination that takes Explicit VR Little Endian only: converted, same content. */
    @Test
    void aNativeInstanceIsConvertedWhenTheDestinationRefusesItsSyntax() throws Exception {
        String study = "1.2.826.0.1.3680043.2.1125.30";
        Dataset ds = TestObjects.ct(study + ".1.1", "P2", null, 2048, 9);
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        IngestResult stored = ingest.service.ingest(IngestRequest.part10(IngestSource.dimse("MODALITY"),
                new ByteArrayInputStream(TestObjects.part10(ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)), null));
        assertThat(stored).isInstanceOf(IngestResult.Stored.class);
        DicomServer explicitOnly = start(ApplicationEntity.builder("DEST").acceptScp(TestObjects.CT, UID.ExplicitVRLittleEndian)
                .build(), DimseServiceRegistry.builder().store(recording()).build());
        scp = ourScp(explicitOnly.port());
        RetrieveResult r = scu.move(qr(), MOVE, keys("STUDY", STUDY_UID, study), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(requests).singleElement().extracting(StoreRequest::transferSyntaxUid).isEqualTo(UID.ExplicitVRLittleEndian);
        assertThat(read(received.get(study + ".1.1")).getBytes(Tags.PixelData)).isEqualTo(ds.getBytes(Tags.PixelData));
    }

    @Test
    void getSendsBackOnTheSameAssociationInTheStoredSyntax() throws Exception {
        AssociationRequest.Builder rq = AssociationRequest.builder("GETSCU", "VESALIUS").propose(GET, UID.ExplicitVRLittleEndian);
        rq.propose(TestObjects.CT, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian).roles(TestObjects.CT, false, true);
        Association as = connect(rq);
        RetrieveResult r = scu.get(as, GET, keys("SERIES", STUDY_UID, STUDY_A, SERIES_UID, SERIES_A1 + "\\" + SERIES_A2), recording());
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(r.subOperations().completed()).isEqualTo(3);
        assertThat(requests).allSatisfy(q -> assertThat(q.transferSyntaxUid()).isEqualTo(UID.ExplicitVRLittleEndian));
        received.forEach((sop, bytes) -> assertThat(bytes).as(sop).isEqualTo(sent.get(sop)));
    }

    private static Dataset read(byte[] explicitLittleEndian) throws IOException {
        return DicomReader.readDataset(new ByteArrayInputStream(explicitLittleEndian), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.DEFAULT);
    }
}
