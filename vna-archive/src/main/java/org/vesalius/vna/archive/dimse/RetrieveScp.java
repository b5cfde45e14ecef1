package org.vesalius.vna.archive.dimse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.CGetHandler;
import org.vesalius.dicom.net.service.CMoveHandler;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.net.service.OutgoingInstance;
import org.vesalius.dicom.net.service.RetrieveRequest;
import org.vesalius.dicom.net.service.RetrieveTask;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.query.CFindQueryParser.InformationModel;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.api.retrieve.ServedInstance;

/**
 * The C-MOVE and C-GET SCP for the Patient Root and Study Root information models: says which
 * instances a retrieve sends; the toolkit's registry sends them (to the move destination, or back
 * on the C-GET association), counts the sub-operations and answers the Pending and final
 * responses (PS3.4 C.4.2.3, C.4.3.3).
 *
 * <ul>
 *   <li><b>Matching</b> by unique keys only ({@link RetrieveKeys}), turned into a {@link
 *       RetrieveScope} and resolved by the one call WADO-RS and WADO-URI make too ({@link
 *       RetrievePort#resolve}): studies, series and instances are listed in the blob store,
 *       so an instance can be retrieved as soon as its C-STORE was answered, with the index down
 *       too. Only a PATIENT-level retrieve asks the index for the patient's studies; its Issuer
 *       of Patient ID, when given, narrows it to exactly that patient. In Patient Root below the
 *       PATIENT level the Patient ID must be present but does not narrow the retrieve: the UIDs
 *       name what is wanted, also after the patient was renamed in the journal.</li>
 *   <li><b>What is sent</b> is what the archive serves everywhere: the stored data set in its
 *       stored transfer syntax with coercions and the metadata journal applied, pixel data
 *       streamed from the store untouched. When the receiver accepted no context in the stored
 *       syntax, the toolkit rewrites it in a native syntax it accepted, decoding compressed pixel
 *       data where the archive's decoders can (exactly the cases WADO-RS transcodes); otherwise
 *       the sub-operation fails, with the reason logged.</li>
 *   <li><b>Each instance is read when its turn comes</b>, not up front; one that cannot be read
 *       then fails its sub-operation with its UID in the Failed SOP Instance UID List.</li>
 * </ul>
 * Refusals: A900 for an identifier that names no retrieve (the key at fault in the Error
 * Comment), A701 while the index (PATIENT level) or the blob store cannot be asked, A801 for an
 * unknown move destination (decided by the registry before this handler runs). Thread-safe.
 */
public final class RetrieveScp implements CMoveHandler, CGetHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RetrieveScp.class);

    private final RetrievePort retrieve;
    private final AuditPort audit;

    /** @param retrieve resolves retrieve scopes and serves the instances */
    public RetrieveScp(RetrievePort retrieve) {
        this(retrieve, AuditPort.NONE);
    }

    /**
     * @param retrieve resolves retrieve scopes and serves the instances
     * @param audit    records each retrieve (an export) when its task is closed, or its refusal
     */
    public RetrieveScp(RetrievePort retrieve, AuditPort audit) {
        this.retrieve = Objects.requireNonNull(retrieve, "retrieve");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public RetrieveTask retrieve(RetrieveRequest request) {
        InformationModel model = switch (request.sopClassUid()) {
            case UID.PatientRootQueryRetrieveInformationModelMove, UID.PatientRootQueryRetrieveInformationModelGet ->
                    InformationModel.PATIENT_ROOT;
            case UID.StudyRootQueryRetrieveInformationModelMove, UID.StudyRootQueryRetrieveInformationModelGet ->
                    InformationModel.STUDY_ROOT;
            default -> throw new DicomServiceException(DicomStatus.SOP_CLASS_NOT_SUPPORTED,
                    "no retrieve for " + request.sopClassUid());
        };
        RetrieveKeys keys;
        List<? extends ResolvedInstance> matches;
        try {
            keys = RetrieveKeys.parse(request.identifier(), model);
            matches = match(keys);
        } catch (ArchiveException e) {
            DimseAudit.refused(audit, request, e instanceof InvalidRequestException
                    ? AuditEvent.Outcome.MINOR_FAILURE : AuditEvent.Outcome.SERIOUS_FAILURE, e.getMessage());
            // PS3.4 C.4.2.1.5 / C.4.3.1.4: A900 Identifier does not match SOP Class (DimseFailures).
            throw DimseFailures.of(e, DimseFailures.Service.RETRIEVE);
        } catch (DicomServiceException e) {
            DimseAudit.refused(audit, request, AuditEvent.Outcome.SERIOUS_FAILURE, e.getMessage());
            throw e;
        }
        LOG.debug("{}: {} {} {}: {} instances", request.association().name(), request.isMove() ? "C-MOVE" : "C-GET",
                keys.level().dicomName(), LogValue.of(describe(keys)), matches.size());
        AtomicInteger unreadable = new AtomicInteger();
        return RetrieveTask.of(matches.size(), matches.stream().map(located -> {
            OutgoingInstance outgoing = outgoing(located);
            if (outgoing.isUnavailable()) {
                unreadable.incrementAndGet();
            }
            return outgoing;
        }).onClose(() -> DimseAudit.retrieved(audit, request, keys.patient(), matches, unreadable)));
    }

    /**
     * The instances {@code keys} name, in the order they are sent, resolved by the one call every
     * retrieve edge makes ({@link RetrievePort#resolve}); empty when none is stored.
     *
     * @throws DicomServiceException A701 when the index or the blob store cannot be asked
     */
    public List<? extends ResolvedInstance> match(RetrieveKeys keys) {
        try {
            return retrieve.resolve(scope(keys));
        } catch (ArchiveException e) {
            // The index (PATIENT level: down, or unable to page through every study of the
            // patient) or the blob store down: A701 (DimseFailures).
            throw DimseFailures.of(e, DimseFailures.Service.RETRIEVE);
        }
    }

    /**
     * The retrieve scope of the keys. A Patient ID without Issuer of Patient ID covers that ID
     * under every issuer (the issuer is not a unique key); with one, exactly that patient.
     */
    static RetrieveScope scope(RetrieveKeys keys) {
        return switch (keys.level()) {
            case PATIENT -> new RetrieveScope.Patient(keys.patient(), keys.patient().hasIssuer());
            case STUDY -> new RetrieveScope.Study(keys.studies());
            case SERIES -> new RetrieveScope.Series(keys.studies().get(0), keys.series());
            case INSTANCE -> new RetrieveScope.Instances(keys.studies().get(0), keys.series().get(0), keys.instances());
        };
    }

    /**
     * One sub-operation's instance: read now (its turn has come), sent in its stored transfer
     * syntax from the served stream, or converted where the served instance allows it
     * ({@link ServedInstance#unavailableIn}: a decoder, frames within the decode limits,
     * codestreams that agree with the data set; checked before anything is sent). Unreadable
     * now: a failed sub-operation, with the reason.
     */
    private OutgoingInstance outgoing(ResolvedInstance located) {
        String uid = located.ref().sopInstanceUid();
        ServedInstance instance;
        try {
            instance = located.open();
        } catch (ArchiveException | UncheckedIOException e) {
            return OutgoingInstance.unavailable(uid, "cannot read the stored instance: " + e.getMessage());
        } catch (RuntimeException e) {
            // Not a storage failure: a defect to fix, yet only this instance's sub-operation fails.
            LOG.warn("cannot serve instance {}", LogValue.of(uid), e);
            return OutgoingInstance.unavailable(uid, "cannot serve the stored instance: " + e);
        }
        String sopClass = instance.sopClassUid();
        if (sopClass.isEmpty()) {
            return OutgoingInstance.unavailable(uid, "stored without a SOP Class UID");
        }
        // Offered in its stored syntax; to a receiver that accepted only others, decoded as WADO-RS
        // decodes (the same Transcoder, the same refusals).
        return new OutgoingInstance(sopClass, uid, instance.transferSyntaxUid(), () -> open(instance),
                instance::unavailableIn);
    }

    /** The served data set, with the store's unchecked failures as the IOException a sub-operation expects. */
    private static ServedDataSet open(ServedInstance instance) throws IOException {
        try {
            return new ServedDataSet(instance.openDataSet());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (ArchiveException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String describe(RetrieveKeys keys) {
        return switch (keys.level()) {
            case PATIENT -> "patient " + keys.patient();
            case STUDY -> "studies " + keys.studies();
            case SERIES -> "series " + keys.series() + " of study " + keys.studies().get(0);
            case INSTANCE -> keys.instances().size() + " instances of series " + keys.series().get(0);
        };
    }
}
