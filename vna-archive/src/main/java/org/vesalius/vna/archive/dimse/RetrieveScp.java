package org.vesalius.vna.archive.dimse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.CGetHandler;
import org.vesalius.dicom.net.service.CMoveHandler;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.net.service.OutgoingInstance;
import org.vesalius.dicom.net.service.RetrieveRequest;
import org.vesalius.dicom.net.service.RetrieveTask;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.CFindQueryParser.InformationModel;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.api.query.ReturnKeys;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.retrieve.InstanceNotFoundException;
import org.vesalius.vna.archive.retrieve.RetrievableInstance;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.storage.BlobStoreException;

/**
 * The C-MOVE and C-GET SCP for the Patient Root and Study Root information models: says which
 * instances a retrieve sends; the toolkit's registry sends them (to the move destination, or back
 * on the C-GET association), counts the sub-operations and answers the Pending and final
 * responses (PS3.4 C.4.2.3, C.4.3.3).
 *
 * <ul>
 *   <li><b>Matching</b> by unique keys only ({@link RetrieveKeys}): studies, series and instances
 *       are listed in the blob store through the one {@link RetrieveService}, so an instance can
 *       be retrieved as soon as its C-STORE was answered, with the index down too. Only a
 *       PATIENT-level retrieve asks the index (through the {@link QueryPort}) for the
 *       patient's studies; its Issuer of Patient ID, when given, narrows it to that issuer's
 *       patient. In Patient Root below the PATIENT level the Patient ID must be present but does
 *       not narrow the retrieve: the UIDs name what is wanted, also after the patient was renamed
 *       in the journal.</li>
 *   <li><b>What is sent</b> is what the archive serves everywhere: the stored data set in its
 *       stored transfer syntax with coercions and the metadata journal applied, pixel data
 *       streamed from the store untouched. The toolkit converts only between native syntaxes
 *       when the receiver accepted no context in the stored one; otherwise the sub-operation
 *       fails.</li>
 *   <li><b>Each instance is read when its turn comes</b>, not up front; one that cannot be read
 *       then fails its sub-operation with its UID in the Failed SOP Instance UID List.</li>
 * </ul>
 * Refusals: A900 for an identifier that names no retrieve (the key at fault in the Error
 * Comment), A701 while the index (PATIENT level) or the blob store cannot be asked, A801 for an
 * unknown move destination (decided by the registry before this handler runs). Thread-safe.
 */
public final class RetrieveScp implements CMoveHandler, CGetHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RetrieveScp.class);
    /** Studies of one patient asked of the index per page. */
    private static final int STUDY_PAGE = 1000;

    private final RetrieveService retrieve;
    private final QueryPort queries;

    /**
     * @param retrieve lists and serves the instances
     * @param queries  finds a patient's studies (PATIENT-level retrieves only)
     */
    public RetrieveScp(RetrieveService retrieve, QueryPort queries) {
        this.retrieve = Objects.requireNonNull(retrieve, "retrieve");
        this.queries = Objects.requireNonNull(queries, "queries");
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
        try {
            keys = RetrieveKeys.parse(request.identifier(), model);
        } catch (InvalidQueryException e) {
            // PS3.4 C.4.2.1.5 / C.4.3.1.4: A900 Identifier does not match SOP Class.
            throw new DicomServiceException(DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS, e.getMessage(), e);
        }
        List<RetrieveService.Located> matches = match(keys);
        LOG.debug("{}: {} {} {}: {} instances", request.association().name(), request.isMove() ? "C-MOVE" : "C-GET",
                keys.level().dicomName(), describe(keys), matches.size());
        return RetrieveTask.of(matches.size(), matches.stream().map(RetrieveScp::outgoing));
    }

    /**
     * The instances {@code keys} name, in the order they are sent (study by study as asked, then
     * by series and SOP Instance UID); empty when none is stored.
     *
     * @throws DicomServiceException A701 when the index or the blob store cannot be asked
     */
    public List<RetrieveService.Located> match(RetrieveKeys keys) {
        try {
            return switch (keys.level()) {
                case PATIENT -> {
                    List<RetrieveService.Located> all = new ArrayList<>();
                    for (String study : studiesOf(keys.patient())) {
                        all.addAll(retrieve.list(study, null));
                    }
                    yield all;
                }
                case STUDY -> {
                    List<RetrieveService.Located> all = new ArrayList<>();
                    for (String study : keys.studies()) {
                        all.addAll(retrieve.list(study, null));
                    }
                    yield all;
                }
                case SERIES -> {
                    List<RetrieveService.Located> all = new ArrayList<>();
                    for (String series : keys.series()) {
                        all.addAll(retrieve.list(keys.studies().get(0), series));
                    }
                    yield all;
                }
                case INSTANCE -> {
                    Set<String> wanted = new HashSet<>(keys.instances());
                    yield retrieve.list(keys.studies().get(0), keys.series().get(0)).stream()
                            .filter(l -> wanted.contains(l.ref().sopInstanceUid())).toList();
                }
            };
        } catch (IndexUnavailableException e) {
            throw new DicomServiceException(DicomStatus.OUT_OF_RESOURCES_MATCHES,
                    "the index is unavailable (needed for a PATIENT-level retrieve); retry later", e);
        } catch (BlobStoreException e) {
            throw new DicomServiceException(DicomStatus.OUT_OF_RESOURCES_MATCHES,
                    "the blob store cannot be listed: " + e.getMessage(), e);
        }
    }

    /** The Study Instance UIDs the index holds for a patient, every page of them. */
    private List<String> studiesOf(PatientId patient) {
        List<AttributeMatch> keys = new ArrayList<>(2);
        keys.add(new AttributeMatch(QueryAttributes.get(Tags.PatientID), new Condition.SingleValue(patient.id())));
        if (patient.hasIssuer()) {
            keys.add(new AttributeMatch(QueryAttributes.get(Tags.IssuerOfPatientID), new Condition.SingleValue(patient.issuer())));
        }
        ReturnKeys studyUid = new ReturnKeys(false, false, Set.of(Tags.StudyInstanceUID));
        List<String> studies = new ArrayList<>();
        int offset = 0;
        while (true) {
            QueryResult page;
            try {
                page = queries.query(new Query(QueryLevel.STUDY, keys, studyUid, STUDY_PAGE, offset, false, List.of()));
            } catch (InvalidQueryException e) {
                // Past the deepest page the index serves: a patient with more studies than that.
                throw new DicomServiceException(DicomStatus.OUT_OF_RESOURCES_MATCHES, "patient " + patient
                        + " has more studies than one retrieve can list (" + QueryPort.MAX_WINDOW
                        + "); retrieve them by study", e);
            }
            for (var study : page.matches()) {
                String uid = study.getString(Tags.StudyInstanceUID, "");
                if (!uid.isEmpty()) {
                    studies.add(uid);
                }
            }
            if (!page.truncated() || page.matches().isEmpty()) {
                return studies;
            }
            offset += page.matches().size();
        }
    }

    /**
     * One sub-operation's instance: read now (its turn has come), sent in its stored transfer
     * syntax from the served stream. Unreadable now: a failed sub-operation, with the reason.
     */
    private static OutgoingInstance outgoing(RetrieveService.Located located) {
        String uid = located.ref().sopInstanceUid();
        RetrievableInstance instance;
        try {
            instance = located.open();
        } catch (InstanceNotFoundException | UncheckedIOException | BlobStoreException e) {
            return OutgoingInstance.unavailable(uid, "cannot read the stored instance: " + e.getMessage());
        } catch (RuntimeException e) {
            // Not a storage failure: a defect to fix, yet only this instance's sub-operation fails.
            LOG.warn("cannot serve instance {}", uid, e);
            return OutgoingInstance.unavailable(uid, "cannot serve the stored instance: " + e);
        }
        String sopClass = instance.sopClassUid();
        if (sopClass.isEmpty()) {
            return OutgoingInstance.unavailable(uid, "stored without a SOP Class UID");
        }
        return new OutgoingInstance(sopClass, uid, instance.transferSyntaxUid(), () -> open(instance));
    }

    /** The served data set, with the store's unchecked failures as the IOException a sub-operation expects. */
    private static ServedDataSet open(RetrievableInstance instance) throws IOException {
        try {
            return new ServedDataSet(instance.openDataSet());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (BlobStoreException e) {
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
