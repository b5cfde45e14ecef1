package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRejectedException;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.PresentationContext;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * The calling-AE allow-list ({@code vna.dicom.access.*}) against dcmtk's SCUs: an AE with every
 * right echoes, stores, finds, moves and gets; an AE off the list, or on it but from another
 * network, is rejected (1, 1, 3); an AE without the store right has its storage contexts
 * user-rejected (its other services still work); C-MOVE reaches the configured destinations only
 * (A801 otherwise, even to a calling AE on the list); and each refusal reaches the
 * {@link DimseRefusalListener}s. Skipped without dcmtk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomAccessIT {

    private static final int DEST = Dcmtk.freePort();
    private static final List<DimseRefusal> REFUSALS = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
        registry.add("vna.dicom.access.FRIEND.rights", () -> "echo,store,find,move,get");
        registry.add("vna.dicom.access.FRIEND.networks", () -> "127.0.0.0/8,::1");
        registry.add("vna.dicom.access.VIEWER.rights", () -> "echo,find,move");
        registry.add("vna.dicom.access.GETTER.rights", () -> "get");
        registry.add("vna.dicom.access.FARAWAY.rights", () -> "echo,store");
        registry.add("vna.dicom.access.FARAWAY.networks", () -> "10.0.0.0/8");
        registry.add("vna.dicom.access.LOCAL1.rights", () -> "echo");
        registry.add("vna.dicom.access.MODALITY.rights", () -> "echo,store,worklist");
        registry.add("vna.dicom.access.LOCAL1.networks", () -> "127.0.0.1");
        registry.add("vna.dicom.destinations.DEST", () -> "127.0.0.1:" + DEST);
    }

    @TestConfiguration
    static class Recording {
        @Bean
        DimseRefusalListener recordingRefusals() {
            return REFUSALS::add;
        }
    }

    @Autowired
    DicomListener listener;

    private Path work;
    private Path instance;
    private Dcmtk.Scp dest;

    @BeforeAll
    void start() throws Exception {
        org.vesalius.testsupport.peers.Dcmtk.require("echoscu", "storescu", "findscu", "movescu", "getscu", "storescp");
        work = Files.createTempDirectory("vna-access-it");
        instance = work.resolve("ct.dcm");
        Files.write(instance, TestObjects.part10(TestObjects.ct("1.2.826.0.1.3680043.2.1125.1.1.77", "ACCESS-1", null, 64, 7)));
        Path received = Files.createDirectories(work.resolve("dest"));
        dest = Dcmtk.start(work.resolve("dest.log"), DEST, "storescp", "-aet", "DEST", "-od", received.toString());
        Dcmtk.Result stored = storescu("FRIEND"); // what the retrieves below find
        assertThat(stored.exitCode()).as(stored.output()).isZero();
    }

    @AfterAll
    void stop() throws Exception {
        if (dest != null) {
            dest.close();
        }
    }

    @Test
    void anAeWithEveryRightUsesEveryService() throws Exception {
        assertThat(dcmtk("echoscu", "-aet", "FRIEND").exitCode()).isZero();
        Dcmtk.Result store = storescu("FRIEND");
        assertThat(store.exitCode()).as(store.output()).isZero();
        Dcmtk.Result find = dcmtk("findscu", "-v", "-S", "-aet", "FRIEND", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID");
        assertThat(find.output()).doesNotContain("Association Rejected").contains("Find Response");
        Dcmtk.Result move = dcmtk("movescu", "-S", "-aet", "FRIEND", "-aem", "DEST", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + TestObjects.STUDY);
        assertThat(move.exitCode()).as(move.output()).isZero();
        assertThat(files(work.resolve("dest"))).hasSize(1);
        Path got = Files.createDirectories(work.resolve("got"));
        Dcmtk.Result get = dcmtk("getscu", "-S", "-aet", "FRIEND", "-od", got.toString(), "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + TestObjects.STUDY);
        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(files(got)).hasSize(1);
    }

    /** A modality's rights: its worklist, not the archive's studies; a reader's find is not a worklist. */
    @Test
    void theWorklistRightIsItsOwn() throws Exception {
        Dcmtk.Result worklist = dcmtk("findscu", "-v", "-W", "-aet", "MODALITY", "-k", "ScheduledProcedureStepSequence[0].Modality=CT");
        assertThat(worklist.output()).as(worklist.output()).doesNotContain("Association Rejected").doesNotContain("No Acceptable")
                .contains("Final Find Response");
        Dcmtk.Result studies = dcmtk("findscu", "-v", "-S", "-aet", "MODALITY", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID");
        assertThat(studies.exitCode()).as(studies.output()).isNotZero();
        assertThat(refusals("MODALITY")).anySatisfy(r -> assertThat(r.refusedRights()).containsExactly(DimseRight.FIND));
        Dcmtk.Result viewer = dcmtk("findscu", "-v", "-W", "-aet", "VIEWER", "-k", "ScheduledProcedureStepSequence[0].Modality=CT");
        assertThat(viewer.exitCode()).as(viewer.output()).isNotZero();
        assertThat(refusals("VIEWER")).anySatisfy(r -> assertThat(r.refusedRights()).containsExactly(DimseRight.WORKLIST));
    }

    @Test
    void anAeOffTheListIsRejectedCallingAeNotRecognized() throws Exception {
        Dcmtk.Result echo = dcmtk("echoscu", "-aet", "STRANGER");
        assertThat(echo.exitCode()).isNotZero();
        assertThat(echo.output()).contains("Association Rejected").containsIgnoringCase("Calling AE Title Not Recognized");
        assertThat(storescu("STRANGER").output()).contains("Association Rejected");
        assertThat(refusals("STRANGER")).extracting(DimseRefusal::reason).contains(DimseRefusal.Reason.CALLING_AE_NOT_ALLOWED);
        // AE titles are compared exactly: a listed title in other letters is another AE.
        assertThat(dcmtk("echoscu", "-aet", "friend").output()).contains("Association Rejected");
    }

    @Test
    void anAeWithoutTheStoreRightHasItsStorageContextsRefused() throws Exception {
        Dcmtk.Result store = storescu("VIEWER");
        assertThat(store.exitCode()).as(store.output()).isNotZero();
        assertThat(dcmtk("echoscu", "-aet", "VIEWER").exitCode()).isZero();
        assertThat(refusals("VIEWER")).anySatisfy(r -> {
            assertThat(r.reason()).isEqualTo(DimseRefusal.Reason.SERVICE_NOT_PERMITTED);
            assertThat(r.refusedRights()).containsExactly(DimseRight.STORE);
        });
        // In protocol terms: of Verification and CT Image Storage, the storage context is user-rejected.
        try (Association as = DimseClient.of(DicomClient.builder().build()).connect("127.0.0.1", listener.port(),
                AssociationRequest.builder("VIEWER", "VESALIUS").propose(UID.Verification, UID.ImplicitVRLittleEndian)
                        .propose(TestObjects.CT, UID.ImplicitVRLittleEndian).build())) {
            assertThat(as.presentationContexts()).extracting(PresentationContext::result).containsExactly(
                    PresentationContextResult.Result.ACCEPTANCE, PresentationContextResult.Result.USER_REJECTION);
            as.release();
        }
        // The get right alone: getscu receives (storage contexts in the SCP role), but may not store or echo.
        Path got = Files.createDirectories(work.resolve("getter"));
        Dcmtk.Result get = dcmtk("getscu", "-S", "-aet", "GETTER", "-od", got.toString(), "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + TestObjects.STUDY);
        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(storescu("GETTER").exitCode()).isNotZero();
        assertThat(dcmtk("echoscu", "-aet", "GETTER").output()).contains("Association Rejected");
    }

    @Test
    void anAeFromAnotherNetworkIsRejected() throws Exception {
        Dcmtk.Result echo = dcmtk("echoscu", "-aet", "FARAWAY");
        assertThat(echo.output()).contains("Association Rejected").containsIgnoringCase("Calling AE Title Not Recognized");
        assertThat(refusals("FARAWAY")).extracting(DimseRefusal::reason).contains(DimseRefusal.Reason.NETWORK_NOT_ALLOWED);
        // LOCAL1 may come from 127.0.0.1 only: from 127.0.0.2 (loopback too, another source address) it is rejected.
        DimseClient from2 = DimseClient.of(DicomClient.builder().localAddress(InetAddress.getByName("127.0.0.2")).build());
        AssociationRequest rq = AssociationRequest.builder("LOCAL1", "VESALIUS").propose(UID.Verification, UID.ImplicitVRLittleEndian).build();
        assertThatThrownBy(() -> from2.connect("127.0.0.1", listener.port(), rq).close())
                .isInstanceOfSatisfying(AssociationRejectedException.class,
                        e -> assertThat(e.reject()).isEqualTo(AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED));
        assertThat(refusals("LOCAL1")).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(DimseRefusal.Reason.NETWORK_NOT_ALLOWED);
            assertThat(r.peer().getHostAddress()).isEqualTo("127.0.0.2");
        });
        DimseClient from1 = DimseClient.of(DicomClient.builder().localAddress(InetAddress.getByName("127.0.0.1")).build());
        try (Association as = from1.connect("127.0.0.1", listener.port(), rq)) {
            assertThat(from1.echo(as).status().code()).isZero();
            as.release();
        }
    }

    /**
     * The destination is looked up by AE title among {@code vna.dicom.destinations.*}, never taken
     * from the request or the requestor's address: movescu naming itself (a calling AE on the
     * allow-list, listening for the sub-operations) or an unknown AE gets A801 and receives nothing.
     */
    @Test
    void cMoveReachesConfiguredDestinationsOnly() throws Exception {
        int ownPort = Dcmtk.freePort();
        Path own = Files.createDirectories(work.resolve("own"));
        for (String destination : List.of("FRIEND", "NOT-KNOWN", "dest")) {
            Dcmtk.Result move = dcmtk("movescu", "-d", "-S", "-aet", "FRIEND", "-aem", destination, "+P", Integer.toString(ownPort),
                    "-od", own.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + TestObjects.STUDY);
            assertThat(move.output()).as(destination).containsPattern("(?i)DIMSE Status\\s*:\\s*0xa801");
        }
        assertThat(files(own)).isEmpty();
    }

    private static List<DimseRefusal> refusals(String callingAe) {
        return REFUSALS.stream().filter(r -> r.callingAeTitle().equals(callingAe)).toList();
    }

    /** A dcmtk SCU calling VESALIUS on the listener, with these options. */
    private Dcmtk.Result dcmtk(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add(1, "-aec");
        cmd.add(2, "VESALIUS");
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(listener.port()));
        return Dcmtk.run(cmd);
    }

    /** storescu sending the test instance as {@code callingAe}. */
    private Dcmtk.Result storescu(String callingAe) throws Exception {
        return Dcmtk.run(List.of("storescu", "-aet", callingAe, "-aec", "VESALIUS", "127.0.0.1",
                Integer.toString(listener.port()), instance.toString()));
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
