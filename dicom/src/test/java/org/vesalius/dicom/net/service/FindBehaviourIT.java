package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationEnd;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.AssociationTimeoutException;
import org.vesalius.dicom.net.ul.DicomServer;

/** Our C-FIND SCU against our SCP: laziness, cancel, failures mid-stream, timeouts. */
class FindBehaviourIT {

    private static final String MODEL = UID.StudyRootQueryRetrieveInformationModelFind;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private Association connect(CFindHandler handler, DimseOptions options) throws Exception {
        ApplicationEntity ae = ApplicationEntity.builder(Scp.AET).options(Scp.options())
                .acceptScp(MODEL, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian).build();
        DicomServer server = Scp.start(ae, DimseServiceRegistry.builder().find(MODEL, handler).build());
        cleanup.add(server);
        Association as = Scp.client(Scp.options(), options).connect("127.0.0.1", server.port(),
                AssociationRequest.builder("SCU", Scp.AET).propose(MODEL, UID.ExplicitVRLittleEndian).build());
        cleanup.add(as);
        return as;
    }

    private static Dataset study(int n) {
        Dataset d = new Dataset();
        d.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        d.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3." + n);
        return d;
    }

    private static Dataset query() {
        Dataset q = new Dataset();
        q.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        q.setBytes(Tags.StudyInstanceUID, VR.UI, new byte[0]);
        return q;
    }

    @Test
    void allMatchesThenSuccessAndTheKeysArrive() throws Exception {
        CompletableFuture<Dataset> seenKeys = new CompletableFuture<>();
        Association as = connect(request -> {
            seenKeys.complete(request.identifier());
            return IntStream.range(0, 2500).mapToObj(FindBehaviourIT::study);
        }, DimseOptions.DEFAULT.withFindBufferSize(10));
        DimseClient scu = Scp.client(Scp.options());
        List<String> uids = new ArrayList<>();
        try (FindMatches matches = scu.find(as, MODEL, query())) {
            matches.forEach(m -> uids.add(m.getString(Tags.StudyInstanceUID)));
            assertThat(matches.finalResponse().orElseThrow().status()).isEqualTo(DicomStatus.SUCCESS);
        }
        assertThat(uids).hasSize(2500).startsWith("1.2.3.0", "1.2.3.1").endsWith("1.2.3.2499");
        assertThat(seenKeys.get().getString(Tags.QueryRetrieveLevel)).isEqualTo("STUDY");
    }

    /** The consumer stops early: C-CANCEL, the SCP stops pulling and closes its stream, the final response is Cancel. */
    @Test
    void closingEarlyCancelsAndTheHandlerStreamIsClosed() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        Association as = connect(request -> Stream.iterate(0, i -> i + 1).map(i -> {
            produced.incrementAndGet();
            return study(i);
        }).onClose(() -> closed.complete(true)), DimseOptions.DEFAULT.withFindBufferSize(5));
        DimseClient scu = Scp.client(Scp.options());
        FindMatches matches = scu.find(as, MODEL, query());
        try (matches) {
            assertThat(matches.stream().limit(3).count()).isEqualTo(3);
        }
        assertThat(matches.finalResponse().orElseThrow().status()).isEqualTo(DicomStatus.CANCEL);
        assertThat(closed.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(produced.get()).as("lazy: the SCP stopped soon after the cancel").isLessThan(100_000);
        // the association goes on; a query closed before its first match is cancelled as well
        FindMatches again = scu.find(as, MODEL, query());
        again.close();
        assertThat(again.finalResponse().orElseThrow().status()).isEqualTo(DicomStatus.CANCEL);
    }

    /** A handler failing after some matches: the SCU sees them, then the failure status with its comment. */
    @Test
    void failureAfterSomeMatches() throws Exception {
        Association as = connect(request -> Stream.iterate(0, i -> i + 1).map(i -> {
            if (i == 5) {
                throw new DicomServiceException(DicomStatus.OUT_OF_RESOURCES, "too many matches");
            }
            return study(i);
        }), DimseOptions.DEFAULT);
        DimseClient scu = Scp.client(Scp.options());
        List<Dataset> seen = new ArrayList<>();
        try (FindMatches matches = scu.find(as, MODEL, query())) {
            assertThatThrownBy(() -> matches.forEach(seen::add)).isInstanceOfSatisfying(DicomServiceException.class, e -> {
                assertThat(e.status()).isEqualTo(DicomStatus.OUT_OF_RESOURCES);
                assertThat(e.errorComment()).isEqualTo("too many matches");
            });
        }
        assertThat(seen).hasSize(5);
    }

    @Test
    void unexpectedHandlerExceptionIsUnableToProcess() throws Exception {
        Association as = connect(request -> {
            throw new IllegalStateException("bug");
        }, DimseOptions.DEFAULT);
        DimseClient scu = Scp.client(Scp.options());
        try (FindMatches matches = scu.find(as, MODEL, query())) {
            assertThatThrownBy(matches.iterator()::hasNext).isInstanceOfSatisfying(DicomServiceException.class,
                    e -> assertThat(e.status()).isEqualTo(DicomStatus.CANNOT_UNDERSTAND));
        }
    }

    /** No response for longer than the DIMSE timeout: the association is aborted, the iteration fails. */
    @Test
    void silentScpTimesOut() throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        cleanup.add(() -> never.complete(null));
        Association as = connect(request -> Stream.of(study(1), study(2)).peek(d -> {
            if (d.getString(Tags.StudyInstanceUID).endsWith(".2")) {
                never.join();
            }
        }), DimseOptions.DEFAULT.withResponseTimeout(Duration.ofMillis(500)));
        DimseClient scu = Scp.client(Scp.options(), DimseOptions.DEFAULT.withResponseTimeout(Duration.ofMillis(500)));
        FindMatches matches = scu.find(as, MODEL, query());
        assertThat(matches.iterator().next().getString(Tags.StudyInstanceUID)).isEqualTo("1.2.3.1");
        assertThatThrownBy(matches.iterator()::hasNext).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(AssociationTimeoutException.class);
        matches.close();
        assertThat(as.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(as.end().orElseThrow().kind()).isEqualTo(AssociationEnd.Kind.ABORTED_LOCALLY);
    }
}
