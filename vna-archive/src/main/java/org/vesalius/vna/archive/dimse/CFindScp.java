package org.vesalius.vna.archive.dimse;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.CFindHandler;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.net.service.FindRequest;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.query.CFindQueryParser;
import org.vesalius.vna.archive.api.query.QueryPort;

/**
 * The C-FIND SCP for the Patient Root and Study Root information models: the identifier becomes
 * a query through the one matching model ({@link CFindQueryParser}) and is answered by the one
 * {@link QueryPort}, as QIDO-RS is. Hierarchical queries only (relational queries, combined
 * date-time and fuzzy matching are not negotiated). No rule of its own. Every query is audited
 * (Query, with the calling AE, its address and the identifier as DICOM JSON).
 */
public final class CFindScp implements CFindHandler {

    private final QueryPort queries;
    private final AuditPort audit;

    public CFindScp(QueryPort queries) {
        this(queries, AuditPort.NONE);
    }

    public CFindScp(QueryPort queries, AuditPort audit) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.audit = Objects.requireNonNull(audit, "audit");
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
            var matches = queries.query(query).matches();
            audit(request, AuditEvent.Outcome.SUCCESS, null);
            return matches.stream();
        } catch (ArchiveException e) {
            audit(request, e instanceof InvalidRequestException
                    ? AuditEvent.Outcome.MINOR_FAILURE : AuditEvent.Outcome.SERIOUS_FAILURE, e.getMessage());
            // An invalid identifier is A900, the index down A700 (PS3.4 C.4.1.1.4): DimseFailures.
            throw DimseFailures.of(e, DimseFailures.Service.FIND);
        }
    }

    private void audit(FindRequest request, AuditEvent.Outcome outcome, String detail) {
        if (audit == AuditPort.NONE) {
            return;
        }
        Dataset identifier = request.identifier();
        String patientId = identifier.getString(Tags.PatientID);
        PatientId patient = patientId == null || patientId.isBlank() || patientId.contains("*") || patientId.contains("?")
                ? null : new PatientId(patientId.strip(), identifier.getString(Tags.IssuerOfPatientID));
        String study = identifier.getString(Tags.StudyInstanceUID);
        audit.record(new AuditEvent(AuditEvent.Action.QUERY, "C-FIND", DimseAudit.actor(request.association()),
                study == null || study.isBlank() || study.contains("\\") ? List.of() : List.of(study.strip()), patient,
                DicomJsonWriter.toJson(identifier, WriteOptions.DEFAULT), outcome, detail, Instant.now()));
    }
}
