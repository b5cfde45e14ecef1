package org.vesalius.vna.archive.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.service.AssociationInfo;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.net.service.FindRequest;
import org.vesalius.dicom.net.ul.PresentationContext;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.FailureExamples;
import org.vesalius.vna.archive.api.failure.FailureKind;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.index.QueryIndex;
import org.vesalius.vna.archive.query.QueryFeature;

/** Every failure kind answered in DIMSE terms: a status per service and the failure's message as the Error Comment. */
class DimseFailuresTest {

    @ParameterizedTest(name = "{0}: C-STORE {1}, C-FIND {2}, C-MOVE/C-GET {3}")
    @CsvSource({
        "NOT_FOUND,       C000, C000, C000",
        "INVALID_REQUEST, A900, A900, A900",
        "CONFLICT,        A900, C000, C000",
        "UNAVAILABLE,     A700, A700, A701",
        "REFUSED,         0124, 0124, 0124",
        "TOO_LARGE,       A700, A700, A701",
        "UNSUPPORTED,     0122, C000, C000",
    })
    void everyKindIsAStatusAndAnErrorComment(FailureKind kind, String store, String find, String retrieve) {
        ArchiveException failure = FailureExamples.of(kind);

        // Through the C-FIND SCP, as the query service's failure reaches it.
        CFindScp scp = new CFindScp(QueryFeature.create(failing(failure), 100));
        assertThatThrownBy(() -> scp.find(request()).toList()).isInstanceOfSatisfying(DicomServiceException.class, e -> {
            assertThat(e.status().code()).isEqualTo(Integer.parseInt(find, 16));
            assertThat(e.errorComment()).isEqualTo(failure.getMessage());
        });
        assertThat(DimseFailures.of(failure, DimseFailures.Service.STORE).status().code()).isEqualTo(Integer.parseInt(store, 16));
        assertThat(DimseFailures.of(failure, DimseFailures.Service.RETRIEVE).status().code()).isEqualTo(Integer.parseInt(retrieve, 16));
        assertThat(DimseFailures.of(failure, DimseFailures.Service.RETRIEVE).errorComment()).isEqualTo(failure.getMessage());
    }

    private static QueryIndex failing(ArchiveException failure) {
        return new QueryIndex() {
            @Override
            public Page find(Query query, Set<Integer> fetch, boolean everything) {
                throw failure;
            }
        };
    }

    private static FindRequest request() {
        String sopClass = UID.StudyRootQueryRetrieveInformationModelFind;
        Dataset identifier = new Dataset().setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY").setBytes(Tags.StudyInstanceUID, VR.UI, null);
        AssociationInfo association = new AssociationInfo("FINDSCU", "VESALIUS", false,
                new InetSocketAddress("127.0.0.1", 4242), null, "FINDSCU->VESALIUS");
        PresentationContext pc = new PresentationContext(1, sopClass, UID.ExplicitVRLittleEndian,
                PresentationContextResult.Result.ACCEPTANCE, true, false);
        return new FindRequest(association, pc, 1, sopClass, CommandSet.Priority.MEDIUM, identifier);
    }
}
