package org.vesalius.vna.archive.dimse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.CFindQueryParser.InformationModel;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * The unique keys of a C-MOVE or C-GET identifier (PS3.4 C.4.2.2.1, hierarchical retrieve): the
 * level, and at the level a Patient ID (one value) or a list of UIDs; above it, one UID per level
 * (and in Patient Root a Patient ID). Keys that are not unique keys play no part in a retrieve
 * and are ignored, as are empty keys; a unique key of a level below the retrieve level with a
 * value is an error, as are wildcards, malformed UIDs and missing keys.
 *
 * @param level      what is retrieved: whole patients, studies, series or instances
 * @param patient    the Patient ID (with its Issuer of Patient ID when the identifier has one), or
 *                   null when the model and level do not need it (Study Root). In Patient Root
 *                   below the PATIENT level it is required but does not narrow the retrieve: the
 *                   UIDs below do ({@link RetrieveScp})
 * @param studies    the Study Instance UIDs (one above the STUDY level), empty at the PATIENT level
 * @param series     the Series Instance UIDs (one at the IMAGE level), empty above the SERIES level
 * @param instances  the SOP Instance UIDs, empty above the IMAGE level
 */
record RetrieveKeys(QueryLevel level, PatientId patient, List<String> studies, List<String> series,
        List<String> instances) {

    public RetrieveKeys {
        Objects.requireNonNull(level, "level");
        studies = List.copyOf(studies);
        series = List.copyOf(series);
        instances = List.copyOf(instances);
    }

    /**
     * Reads {@code identifier} under {@code model}.
     *
     * @throws InvalidQueryException naming the key at fault (the SCP's A900)
     */
    public static RetrieveKeys parse(Dataset identifier, InformationModel model) {
        QueryLevel level = QueryLevel.ofDicomName(identifier.getString(Tags.QueryRetrieveLevel));
        if (level == QueryLevel.PATIENT && model == InformationModel.STUDY_ROOT) {
            throw new InvalidQueryException("QueryRetrieveLevel", "Study Root has no PATIENT level");
        }
        PatientId patient = null;
        if (model == InformationModel.PATIENT_ROOT) {
            List<String> ids = values(identifier, Tags.PatientID, "PatientID");
            if (ids.size() != 1) {
                throw new InvalidQueryException("PatientID", ids.isEmpty()
                        ? "a Patient Root retrieve needs the Patient ID" : "one Patient ID, not a list");
            }
            String id = ids.get(0);
            if (id.indexOf('*') >= 0 || id.indexOf('?') >= 0) {
                throw new InvalidQueryException("PatientID", "a unique key takes no wildcards");
            }
            List<String> issuers = values(identifier, Tags.IssuerOfPatientID, "IssuerOfPatientID");
            if (issuers.size() > 1) {
                throw new InvalidQueryException("IssuerOfPatientID", "one issuer, not a list");
            }
            patient = new PatientId(id, issuers.isEmpty() ? "" : issuers.get(0));
        }
        List<String> studies = uids(identifier, Tags.StudyInstanceUID, "StudyInstanceUID", QueryLevel.STUDY, level);
        List<String> series = uids(identifier, Tags.SeriesInstanceUID, "SeriesInstanceUID", QueryLevel.SERIES, level);
        List<String> instances = uids(identifier, Tags.SOPInstanceUID, "SOPInstanceUID", QueryLevel.INSTANCE, level);
        return new RetrieveKeys(level, patient, studies, series, instances);
    }

    /**
     * The UIDs of {@code keyLevel}: none below the retrieve level, one above it, one or more at it.
     */
    private static List<String> uids(Dataset identifier, int tag, String name, QueryLevel keyLevel, QueryLevel level) {
        List<String> values = values(identifier, tag, name);
        if (keyLevel.isBelow(level)) {
            if (!values.isEmpty()) {
                throw new InvalidQueryException(name, "is a key of the " + keyLevel + " level, below the retrieve level "
                        + level.dicomName());
            }
            return List.of();
        }
        if (values.isEmpty()) {
            throw new InvalidQueryException(name, "a retrieve at the " + level.dicomName() + " level needs it");
        }
        if (keyLevel != level && values.size() > 1) {
            throw new InvalidQueryException(name, "one UID above the retrieve level, not a list");
        }
        for (String uid : values) {
            if (!InstanceRef.isValidUid(uid)) {
                throw new InvalidQueryException(name, "\"" + uid + "\" is not a UID (a unique key takes no wildcards)");
            }
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }

    /** The non-empty values of a key; empty when it is absent or has none. */
    private static List<String> values(Dataset identifier, int tag, String name) {
        String[] all = identifier.getStrings(tag);
        if (all == null) {
            if (identifier.contains(tag)) {
                throw new InvalidQueryException(name, "must be a string value");
            }
            return List.of();
        }
        List<String> out = new ArrayList<>(all.length);
        for (String v : all) {
            String s = v.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        if (!out.isEmpty() && out.size() != all.length) {
            throw new InvalidQueryException(name, "an empty value in a list");
        }
        return out;
    }
}
