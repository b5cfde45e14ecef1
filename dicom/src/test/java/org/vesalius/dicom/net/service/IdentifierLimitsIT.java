package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomServer;

/**
 * Identifiers beyond {@link IdentifierLimits}: C-FIND and C-MOVE answered C000 with an Error
 * Comment naming the limit, the handler never called, and the association still usable.
 */
class IdentifierLimitsIT {

    private static final String FIND = UID.StudyRootQueryRetrieveInformationModelFind;
    private static final String MOVE = UID.StudyRootQueryRetrieveInformationModelMove;
    private static final IdentifierLimits LIMITS = new IdentifierLimits(64 * 1024, 100);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private Association connect(String transferSyntax) throws Exception {
        ApplicationEntity ae = ApplicationEntity.builder(Scp.AET).options(Scp.options())
                .acceptScp(FIND, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
                        UID.DeflatedExplicitVRLittleEndian)
                .acceptScp(MOVE, UID.ExplicitVRLittleEndian).build();
        DimseServiceRegistry services = DimseServiceRegistry.builder().identifierLimits(LIMITS)
                .find(FIND, request -> {
                    handled.incrementAndGet();
                    return Stream.of();
                })
                .move(MOVE, request -> {
                    handled.incrementAndGet();
                    throw new DicomServiceException(DicomStatus.CANNOT_UNDERSTAND, "not expected");
                })
                .build();
        DicomServer server = Scp.start(ae, services);
        cleanup.add(server);
        Association as = Scp.client(Scp.options()).connect("127.0.0.1", server.port(), AssociationRequest.builder("SCU", Scp.AET)
                .propose(FIND, transferSyntax).propose(MOVE, UID.ExplicitVRLittleEndian).build());
        cleanup.add(as);
        return as;
    }

    private static Dataset query() {
        Dataset q = new Dataset();
        q.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        q.setBytes(Tags.StudyInstanceUID, VR.UI, new byte[0]);
        return q;
    }

    /** A value of {@code bytes} bytes in a private element. */
    private static Dataset withLongValue(int bytes) {
        Dataset q = query();
        q.setBytes(0x00091010, VR.OB, new byte[bytes]);
        return q;
    }

    /** {@code n} empty items in one sequence: tiny on the wire, costly as a tree. */
    private static Dataset withEmptyItems(int n) {
        Dataset q = query();
        Sequence seq = q.newSequence(Tags.ReferencedSeriesSequence, n);
        for (int i = 0; i < n; i++) {
            seq.addItem();
        }
        return q;
    }

    /** The final response; a failure comes as the exception the SCU throws for it. */
    private DimseResponse find(Association as, Dataset identifier) throws Exception {
        try (FindMatches matches = Scp.client(Scp.options()).find(as, FIND, identifier)) {
            matches.forEach(m -> { });
            return matches.finalResponse().orElseThrow();
        } catch (DicomServiceException e) {
            return new DimseResponse(e.status(), e.errorComment());
        }
    }

    @Test
    void identifierWithinTheLimitsIsServed() throws Exception {
        Association as = connect(UID.ExplicitVRLittleEndian);
        assertThat(find(as, withLongValue(60 * 1024)).status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(find(as, withEmptyItems(90)).status()).isEqualTo(DicomStatus.SUCCESS);
        assertThat(handled).hasValue(2);
    }

    @Test
    void tooManyBytesIsRefusedWithC000AndTheAssociationGoesOn() throws Exception {
        Association as = connect(UID.ExplicitVRLittleEndian);
        DimseResponse r = find(as, withLongValue(200 * 1024));
        assertThat(r.status()).isEqualTo(DicomStatus.CANNOT_UNDERSTAND);
        assertThat(r.errorComment()).isEqualTo("identifier longer than 65536 bytes");
        assertThat(handled).hasValue(0);
        assertThat(find(as, query()).status()).as("same association, next request").isEqualTo(DicomStatus.SUCCESS);
    }

    @Test
    void tooManyElementsIsRefusedWithC000() throws Exception {
        Association as = connect(UID.ImplicitVRLittleEndian);
        DimseResponse r = find(as, withEmptyItems(500));
        assertThat(r.status()).isEqualTo(DicomStatus.CANNOT_UNDERSTAND);
        assertThat(r.errorComment()).isEqualTo("identifier has more than 100 elements and items");
        assertThat(handled).hasValue(0);
    }

    /** 10 MB of zeros deflate to a few KB: the limit counts inflated bytes, and nothing that large is inflated into memory. */
    @Test
    void deflatedIdentifierIsMeasuredInflated() throws Exception {
        Association as = connect(UID.DeflatedExplicitVRLittleEndian);
        DimseResponse r = find(as, withLongValue(10 * 1024 * 1024));
        assertThat(r.status()).isEqualTo(DicomStatus.CANNOT_UNDERSTAND);
        assertThat(r.errorComment()).isEqualTo("identifier longer than 65536 bytes (inflated)");
        assertThat(handled).hasValue(0);
    }

    @Test
    void moveIdentifierIsCappedAlike() throws Exception {
        Association as = connect(UID.ExplicitVRLittleEndian);
        RetrieveResult r = Scp.client(Scp.options()).move(as, MOVE, withEmptyItems(500), "ANYWHERE");
        assertThat(r.status()).isEqualTo(DicomStatus.CANNOT_UNDERSTAND);
        assertThat(r.errorComment()).isEqualTo("identifier has more than 100 elements and items");
        assertThat(handled).hasValue(0);
    }
}
