package org.vesalius.vna.archive.dimse;

import java.util.Objects;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.CFindHandler;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.net.service.FindRequest;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.query.CFindQueryParser;
import org.vesalius.vna.archive.api.query.QueryPort;

/**
 * The C-FIND SCP for the Patient Root and Study Root information models: the identifier becomes
 * a query through the one matching model ({@link CFindQueryParser}) and is answered by the one
 * {@link QueryPort}, as QIDO-RS is. Hierarchical queries only (relational queries, combined
 * date-time and fuzzy matching are not negotiated). No rule of its own.
 */
public final class CFindScp implements CFindHandler {

    private final QueryPort queries;

    public CFindScp(QueryPort queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    @Override
    public Stream<Dataset> find(FindRequest request) {
        CFindQueryParser.InformationModel model = switch (request.sopClassUid()) {
            case UID.PatientRootQueryRetrieveInformationModelFind -> CFindQueryParser.InformationModel.PATIENT_ROOT;
            case UID.StudyRootQueryRetrieveInformationModelFind -> CFindQueryParser.InformationModel.STUDY_ROOT;
            default -> throw new DicomServiceException(DicomStatus.SOP_CLASS_NOT_SUPPORTED,
                    "no C-FIND for " + request.sopClassUid());
        };
        try {
            var query = CFindQueryParser.parse(request.identifier(),
                    new CFindQueryParser.Options(model, false, false, false)).withTotal(false); // C-FIND sends no total
            return queries.query(query).matches().stream();
        } catch (ArchiveException e) {
            // An invalid identifier is A900, the index down A700 (PS3.4 C.4.1.1.4): DimseFailures.
            throw DimseFailures.of(e, DimseFailures.Service.FIND);
        }
    }
}
