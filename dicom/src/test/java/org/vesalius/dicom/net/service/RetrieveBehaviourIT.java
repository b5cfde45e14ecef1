package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.codec.Transcoder;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.TestArchive.Instance;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.TransferCapability;
import org.vesalius.testsupport.peers.DcmtkProcess;

/** Our C-MOVE and C-GET SCU against our SCP, moving to a destination of ours: outcomes, statuses and failures. */
class RetrieveBehaviourIT {

    private static final String MOVE = UID.StudyRootQueryRetrieveInformationModelMove;
    private static final String GET = UID.StudyRootQueryRetrieveInformationModelGet;
    private static TestArchive archive;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    /** What the destination received: SOP Instance UID to data set bytes, and the requests. */
    private final Map<String, byte[]> received = new ConcurrentHashMap<>();
    private final List<StoreRequest> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void archive() throws Exception {
        if (!SendableSamples.get().isEmpty()) {
            archive = TestArchive.of(SendableSamples.get().stream().map(s -> s.sample().path()).toList());
        }
    }

    @BeforeEach
    void require() {
        SendableSamples.require();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private CStoreHandler recording() {
        return (request, dataSet) -> {
            requests.add(request);
            received.put(request.sopInstanceUid(), dataSet.readAllBytes());
            return DicomStatus.SUCCESS;
        };
    }

    /** A destination SCP of ours; {@code native} accepts only the two native little endian syntaxes. */
    private DicomServer destination(CStoreHandler handler, boolean nativeOnly) throws IOException {
        ApplicationEntity.Builder ae = nativeOnly ? ApplicationEntity.builder("DEST").options(Scp.options())
                : StorageSopClasses.acceptAll(ApplicationEntity.builder("DEST").options(Scp.options()),
                        TransferCapability.Role.SCP);
        if (nativeOnly) {
            StorageSopClasses.all().forEach(c -> ae.acceptScp(c, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
        }
        DicomServer dest = DicomServer.builder(ae.build(), DimseServiceRegistry.builder().store(handler).build()).port(0)
                .start();
        cleanup.add(dest);
        return dest;
    }

    private DicomServer qrScp(DimseServiceRegistry.Builder registry) throws IOException {
        DicomServer server = Scp.start(Retrieves.qrAe().build(), registry.build());
        cleanup.add(server);
        return server;
    }

    private DicomServer qrScp(int destinationPort, DimseOptions options) throws IOException {
        return qrScp(Retrieves.registry(archive, MoveDestinationResolver.of(List.of(
                MoveDestination.of("DEST", "127.0.0.1", destinationPort)))).options(options));
    }

    private Association connect(DicomServer server, AssociationRequest.Builder rq) throws IOException {
        Association as = Scp.client(Scp.options()).connect("127.0.0.1", server.port(), rq.build());
        cleanup.add(as);
        return as;
    }

    private static AssociationRequest.Builder qrRequest() {
        AssociationRequest.Builder rq = AssociationRequest.builder("SCU", Scp.AET);
        Retrieves.MODELS.forEach(m -> rq.propose(m, UID.ExplicitVRLittleEndian));
        return rq;
    }

    private static Dataset studyKeys(String study) {
        Dataset keys = new Dataset();
        keys.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tags.StudyInstanceUID, VR.UI, study);
        return keys;
    }

    private static Set<String> uids(List<Instance> instances) {
        return instances.stream().map(i -> i.get(Tags.SOPInstanceUID)).collect(Collectors.toSet());
    }

    /** A study with native and encapsulated instances. */
    private static String studyWithCompressedAndNative() {
        return archive.instances().stream().collect(Collectors.groupingBy(i -> i.get(Tags.StudyInstanceUID)))
                .entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(i -> OutgoingContexts.isNative(Retrieves.syntax(i)))
                        && e.getValue().stream().anyMatch(i -> !OutgoingContexts.isNative(Retrieves.syntax(i))))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    @Test
    void moveSendsEveryInstanceBitForBitWithOriginatorAndReconcilesWithFind() throws Exception {
        DicomServer dest = destination(recording(), false);
        DicomServer server = qrScp(dest.port(), DimseOptions.DEFAULT);
        String study = Retrieves.mixedStudy(archive);
        List<Instance> expected = archive.study(study);
        DimseClient scu = Scp.client(Scp.options());
        Association as = connect(server, qrRequest());
        Dataset imageKeys = studyKeys(study);
        imageKeys.setString(Tags.QueryRetrieveLevel, VR.CS, "IMAGE");
        imageKeys.setBytes(Tags.SOPInstanceUID, VR.UI, new byte[0]);
        long found;
        try (FindMatches matches = scu.find(as, UID.StudyRootQueryRetrieveInformationModelFind, imageKeys)) {
            found = matches.stream().count();
        }
        List<SubOperations> pendings = new ArrayList<>();
        RetrieveResult r = scu.move(as, MOVE, studyKeys(study), "DEST", org.vesalius.dicom.net.dimse.CommandSet.Priority.HIGH,
                counts -> pendings.add(counts));
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(r.subOperations().completed()).isEqualTo(expected.size()).isEqualTo((int) found);
        assertThat(r.failedSopInstanceUids()).isEmpty();
        assertThat(pendings).hasSize(expected.size() - 1);
        assertThat(pendings.get(0).remaining()).isEqualTo(expected.size() - 1);
        assertThat(received.keySet()).isEqualTo(uids(expected));
        for (Instance i : expected) {
            assertThat(received.get(i.get(Tags.SOPInstanceUID))).as("%s", i.file()).isEqualTo(Retrieves.expected(i.file()));
        }
        assertThat(requests).allSatisfy(rq -> {
            assertThat(rq.moveOriginatorAeTitle()).isEqualTo("SCU");
            assertThat(rq.moveOriginatorMessageId()).isEqualTo(requests.get(0).moveOriginatorMessageId()).isPositive();
            assertThat(rq.association().callingAeTitle()).isEqualTo(Scp.AET);
        });
    }

    /** The destination takes only native syntaxes: native instances go (transcoded if need be), compressed ones fail: B000. */
    @Test
    void someFailedIsB000WithTheFailedList() throws Exception {
        DicomServer dest = destination(recording(), true);
        DicomServer server = qrScp(dest.port(), DimseOptions.DEFAULT);
        String study = studyWithCompressedAndNative();
        List<Instance> all = archive.study(study);
        Set<String> compressed = uids(all.stream().filter(i -> !OutgoingContexts.isNative(Retrieves.syntax(i))).toList());
        RetrieveResult r = Scp.client(Scp.options()).move(connect(server, qrRequest()), MOVE, studyKeys(study), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.SUB_OPERATIONS_WITH_FAILURES);
        assertThat(r.subOperations().failed()).isEqualTo(compressed.size());
        assertThat(r.subOperations().completed()).isEqualTo(all.size() - compressed.size());
        assertThat(r.failedSopInstanceUids()).containsExactlyInAnyOrderElementsOf(compressed);
        assertThat(received.keySet()).isEqualTo(uids(all.stream()
                .filter(i -> OutgoingContexts.isNative(Retrieves.syntax(i))).toList()));
    }

    /**
     * Instances that say they can be decoded ({@link OutgoingInstance.Transcoding}, here the
     * Transcoder's own rule over their header): to a destination taking native syntaxes only,
     * the compressed ones the decoders take arrive decoded; exactly the others fail.
     */
    @Test
    void decodableCompressedInstancesArriveDecodedAtANativeOnlyDestination() throws Exception {
        DicomServer dest = destination(recording(), true);
        Map<String, Instance> byUid = archive.instances().stream().collect(Collectors.toMap(i -> i.get(Tags.SOPInstanceUID), i -> i,
                (a, b) -> a));
        CMoveHandler decoding = request -> {
            List<OutgoingInstance> out = new ArrayList<>();
            archive.retrieve(request).instances().forEachRemaining(o -> out.add(new OutgoingInstance(o.sopClassUid(),
                    o.sopInstanceUid(), o.transferSyntaxUid(), o.dataSet(), ts -> Transcoder.unsupported(
                            TransferSyntax.of(o.transferSyntaxUid()), TransferSyntax.of(ts), pixels(byUid.get(o.sopInstanceUid()))))));
            return RetrieveTask.of(out);
        };
        DicomServer server = qrScp(DimseServiceRegistry.builder().move(MOVE, decoding).moveDestinations(MoveDestinationResolver.of(
                List.of(MoveDestination.of("DEST", "127.0.0.1", dest.port())))));
        String study = studyWithCompressedAndNative();
        List<Instance> all = archive.study(study);
        Set<String> undecodable = uids(all.stream().filter(i -> Transcoder.unsupported(TransferSyntax.of(Retrieves.syntax(i)),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, pixels(i)).isPresent()).toList());
        RetrieveResult r = Scp.client(Scp.options()).move(connect(server, qrRequest()), MOVE, studyKeys(study), "DEST");
        assertThat(r.failedSopInstanceUids()).containsExactlyInAnyOrderElementsOf(undecodable);
        assertThat(received.keySet()).isEqualTo(Set.copyOf(uids(all).stream().filter(u -> !undecodable.contains(u)).toList()));
        assertThat(requests).allSatisfy(q -> assertThat(TransferSyntax.of(q.transferSyntaxUid()).isNative()).isTrue());
        List<Instance> decoded = all.stream().filter(i -> !OutgoingContexts.isNative(Retrieves.syntax(i))
                && !undecodable.contains(i.get(Tags.SOPInstanceUID)) && pixels(i) != null).toList();
        assertThat(decoded).as("compressed instances the decoders take").isNotEmpty();
        for (Instance i : decoded) {
            StoreRequest q = requests.stream().filter(x -> x.sopInstanceUid().equals(i.get(Tags.SOPInstanceUID))).findFirst()
                    .orElseThrow();
            Dataset got = DicomReader.readDataset(new ByteArrayInputStream(received.get(i.get(Tags.SOPInstanceUID))),
                    TransferSyntax.of(q.transferSyntaxUid()), ReadOptions.DEFAULT);
            org.vesalius.dicom.image.PixelDescription d = pixels(i);
            assertThat((long) got.getBytes(Tags.PixelData).length).as("%s decoded", i.file())
                    .isGreaterThanOrEqualTo((long) d.rows() * d.columns() * d.samplesPerPixel() * (d.bitsAllocated() / 8));
        }
    }

    private static org.vesalius.dicom.image.PixelDescription pixels(Instance i) {
        try {
            return i.header().contains(Tags.Rows) ? org.vesalius.dicom.image.PixelDescription.of(i.header()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Nobody listens at the destination: every sub-operation fails, A702, quickly. */
    @Test
    void unreachableDestinationIsA702() throws Exception {
        DicomServer server = qrScp(DcmtkProcess.freePort(), DimseOptions.DEFAULT);
        String study = Retrieves.mixedStudy(archive);
        RetrieveResult r = Scp.client(Scp.options()).move(connect(server, qrRequest()), MOVE, studyKeys(study), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.OUT_OF_RESOURCES_SUB_OPERATIONS);
        assertThat(r.subOperations().failed()).isEqualTo(archive.study(study).size());
        assertThat(r.failedSopInstanceUids()).containsExactlyInAnyOrderElementsOf(uids(archive.study(study)));
    }

    /**
     * The destination stops answering in the middle of the move: that sub-operation times out,
     * its association is aborted, the move goes on on a new one and ends B000. Nothing hangs.
     */
    @Test
    void destinationThatStopsAnsweringDoesNotHangTheMove() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CStoreHandler record = recording();
        int[] seen = new int[1];
        DicomServer dest = destination((request, dataSet) -> {
            if (++seen[0] == 2) {
                dataSet.readAllBytes();
                try {
                    release.await(120, TimeUnit.SECONDS); // hang guard only
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DicomStatus.SUCCESS;
            }
            return record.store(request, dataSet);
        }, false);
        cleanup.add(release::countDown);
        DicomServer server = qrScp(dest.port(), DimseOptions.DEFAULT.withResponseTimeout(Duration.ofSeconds(1)));
        String study = Retrieves.mixedStudy(archive);
        List<Instance> expected = archive.study(study);
        RetrieveResult r = Scp.client(Scp.options()).move(connect(server, qrRequest()), MOVE, studyKeys(study), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.SUB_OPERATIONS_WITH_FAILURES);
        assertThat(r.subOperations().failed()).isEqualTo(1);
        assertThat(r.subOperations().completed()).isEqualTo(expected.size() - 1);
        assertThat(r.failedSopInstanceUids()).hasSize(1);
    }

    /** Cancel from the progress callback: FE00 with the remaining count; the counts add up. */
    @Test
    void cancelIsFe00WithRemaining() throws Exception {
        DicomServer dest = destination(recording(), false);
        byte[] small = smallDataSet();
        List<OutgoingInstance> many = IntStream.range(0, 500).mapToObj(n -> new OutgoingInstance(UID.SecondaryCaptureImageStorage,
                "1.2.3.4." + n, UID.ExplicitVRLittleEndian, () -> new ByteArrayInputStream(small))).toList();
        DicomServer server = qrScp(DimseServiceRegistry.builder().move(MOVE, request -> RetrieveTask.of(many))
                .moveDestinations(MoveDestinationResolver.of(List.of(MoveDestination.of("DEST", "127.0.0.1", dest.port())))));
        RetrieveResult r = Scp.client(Scp.options()).move(connect(server, qrRequest()), MOVE, studyKeys("1.2.3"), "DEST",
                org.vesalius.dicom.net.dimse.CommandSet.Priority.MEDIUM, counts -> false);
        assertThat(r.status()).isEqualTo(DicomStatus.CANCEL);
        SubOperations c = r.subOperations();
        assertThat(c.remaining()).isPositive();
        assertThat(c.remaining() + c.completed() + c.failed() + c.warning()).isEqualTo(500);
        assertThat(received).hasSize(c.completed());
    }

    /**
     * Two native instances of one SOP Class in two syntaxes: the second goes in its own syntax on
     * a new association that proposes it, not converted to the first one's (bytes untouched).
     */
    @Test
    void eachInstanceGoesInItsOwnSyntaxWhenTheDestinationTakesIt() throws Exception {
        DicomServer dest = destination(recording(), false);
        byte[] explicit = smallDataSet();
        Dataset ds = DicomReader.readDataset(new ByteArrayInputStream(explicit), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, out, EncodingOptions.DEFAULT);
        byte[] implicit = out.toByteArray();
        List<OutgoingInstance> two = List.of(
                new OutgoingInstance(UID.SecondaryCaptureImageStorage, "1.2.3.4.1", UID.ExplicitVRLittleEndian,
                        () -> new ByteArrayInputStream(explicit)),
                new OutgoingInstance(UID.SecondaryCaptureImageStorage, "1.2.3.4.2", UID.ImplicitVRLittleEndian,
                        () -> new ByteArrayInputStream(implicit)));
        DicomServer server = qrScp(DimseServiceRegistry.builder().move(MOVE, request -> RetrieveTask.of(two))
                .moveDestinations(MoveDestinationResolver.of(List.of(MoveDestination.of("DEST", "127.0.0.1", dest.port())))));
        RetrieveResult r = Scp.client(Scp.options()).move(connect(server, qrRequest()), MOVE, studyKeys("1.2.3"), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(requests).extracting(StoreRequest::transferSyntaxUid)
                .containsExactly(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
        assertThat(received.get("1.2.3.4.2")).isEqualTo(implicit);
    }

    /** An instance yielded as unavailable fails with its UID listed; the others go; nothing is sent for it. */
    @Test
    void unavailableInstanceFailsWithItsUidAndTheOthersGo() throws Exception {
        DicomServer dest = destination(recording(), false);
        byte[] small = smallDataSet();
        List<OutgoingInstance> three = List.of(
                new OutgoingInstance(UID.SecondaryCaptureImageStorage, "1.2.3.4.1", UID.ExplicitVRLittleEndian,
                        () -> new ByteArrayInputStream(small)),
                OutgoingInstance.unavailable("1.2.3.4.2", "stored object unreadable"),
                new OutgoingInstance(UID.SecondaryCaptureImageStorage, "1.2.3.4.3", UID.ExplicitVRLittleEndian,
                        () -> new ByteArrayInputStream(small)));
        DicomServer server = qrScp(DimseServiceRegistry.builder().move(MOVE, request -> RetrieveTask.of(three))
                .moveDestinations(MoveDestinationResolver.of(List.of(MoveDestination.of("DEST", "127.0.0.1", dest.port())))));
        RetrieveResult r = Scp.client(Scp.options()).move(connect(server, qrRequest()), MOVE, studyKeys("1.2.3"), "DEST");
        assertThat(r.status()).isEqualTo(DicomStatus.SUB_OPERATIONS_WITH_FAILURES);
        assertThat(r.subOperations().completed()).isEqualTo(2);
        assertThat(r.failedSopInstanceUids()).containsExactly("1.2.3.4.2");
        assertThat(received.keySet()).containsExactlyInAnyOrder("1.2.3.4.1", "1.2.3.4.3");
    }

    @Test
    void getReturnsEveryInstanceOnTheSameAssociation() throws Exception {
        DicomServer server = qrScp(DcmtkProcess.freePort(), DimseOptions.DEFAULT);
        String study = Retrieves.mixedStudy(archive);
        List<Instance> expected = archive.study(study);
        Set<String> classes = new LinkedHashSet<>();
        Set<String> syntaxes = new LinkedHashSet<>();
        expected.forEach(i -> {
            classes.add(i.get(Tags.SOPClassUID));
            syntaxes.add(Retrieves.syntax(i));
        });
        AssociationRequest.Builder rq = qrRequest();
        StorageSopClasses.proposeScpRole(rq, classes, syntaxes);
        Association as = connect(server, rq);
        List<SubOperations> pendings = new ArrayList<>();
        RetrieveResult r = Scp.client(Scp.options()).get(as, GET, studyKeys(study), recording(),
                org.vesalius.dicom.net.dimse.CommandSet.Priority.MEDIUM, pendings::add);
        assertThat(r.status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(r.subOperations().completed()).isEqualTo(expected.size());
        assertThat(pendings).hasSize(expected.size() - 1);
        for (Instance i : expected) {
            assertThat(received.get(i.get(Tags.SOPInstanceUID))).as("%s", i.file()).isEqualTo(Retrieves.expected(i.file()));
        }
        assertThat(requests).allSatisfy(q -> assertThat(q.association().localIsRequestor()).isTrue());
    }

    /** Only Explicit VR Little Endian offered for storage: native instances arrive transcoded, compressed ones fail. */
    @Test
    void getTranscodesNativeInstancesToTheOfferedSyntax() throws Exception {
        DicomServer server = qrScp(DcmtkProcess.freePort(), DimseOptions.DEFAULT);
        String study = studyWithCompressedAndNative();
        List<Instance> all = archive.study(study);
        AssociationRequest.Builder rq = qrRequest();
        StorageSopClasses.proposeScpRole(rq, all.stream().map(i -> i.get(Tags.SOPClassUID)).distinct().toList(),
                List.of(UID.ExplicitVRLittleEndian));
        RetrieveResult r = Scp.client(Scp.options()).get(connect(server, rq), GET, studyKeys(study), recording());
        List<Instance> nativeOnes = all.stream().filter(i -> OutgoingContexts.isNative(Retrieves.syntax(i))).toList();
        assertThat(r.status()).isEqualTo(DicomStatus.SUB_OPERATIONS_WITH_FAILURES);
        assertThat(r.subOperations().completed()).isEqualTo(nativeOnes.size());
        assertThat(requests).allSatisfy(q -> assertThat(q.transferSyntaxUid()).isEqualTo(UID.ExplicitVRLittleEndian));
        for (Instance i : nativeOnes) {
            Dataset got = DicomReader.readDataset(new ByteArrayInputStream(received.get(i.get(Tags.SOPInstanceUID))),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
            assertThat(got.getString(Tags.SOPInstanceUID)).isEqualTo(i.get(Tags.SOPInstanceUID));
            assertThat(got.getString(Tags.PatientID, "")).isEqualTo(i.get(Tags.PatientID));
        }
    }

    /** Storage contexts without the SCP role: the SCP may not send on them, every sub-operation fails. */
    @Test
    void getWithoutScpRoleFailsEverySubOperation() throws Exception {
        DicomServer server = qrScp(DcmtkProcess.freePort(), DimseOptions.DEFAULT);
        String study = Retrieves.biggestStudy(archive, OutgoingContexts::isNative);
        AssociationRequest.Builder rq = qrRequest();
        archive.study(study).stream().map(i -> i.get(Tags.SOPClassUID)).distinct()
                .forEach(c -> rq.propose(c, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
        RetrieveResult r = Scp.client(Scp.options()).get(connect(server, rq), GET, studyKeys(study), recording());
        assertThat(r.status()).isEqualTo(DicomStatus.OUT_OF_RESOURCES_SUB_OPERATIONS);
        assertThat(r.subOperations().failed()).isEqualTo(archive.study(study).size());
        assertThat(received).isEmpty();
    }

    private static byte[] smallDataSet() throws IOException {
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tags.PatientID, VR.LO, "CANCEL");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out, EncodingOptions.DEFAULT);
        return out.toByteArray();
    }
}
