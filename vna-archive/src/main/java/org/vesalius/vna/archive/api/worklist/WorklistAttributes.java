package org.vesalius.vna.archive.api.worklist;

import static org.vesalius.vna.archive.api.query.QueryAttributes.matchable;
import static org.vesalius.vna.archive.api.query.QueryLevel.STUDY;

import java.util.List;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.query.QueryAttribute;

/**
 * The Modality Worklist keys the archive matches (PS3.4 K.6.1.2.2): the required matching keys
 * (Scheduled Station AE Title, Scheduled Procedure Step Start Date and Time, Modality, Scheduled
 * Performing Physician's Name, Patient's Name, Patient ID) and the optional ones a RIS and a
 * modality use (Accession Number, Requested Procedure ID, Study Instance UID, Issuer of Patient
 * ID, the step's ID, status, station name and location, the order numbers). Every other key of an
 * identifier is a return key. One table for the parser, the index mapping and its documents.
 */
public final class WorklistAttributes {

    /** The keys matched inside the Scheduled Procedure Step Sequence's item. */
    public static final QueryAttribute STEP = matchable(STUDY, Tags.ScheduledProcedureStepSequence,
            matchable(STUDY, Tags.ScheduledStationAETitle),
            matchable(STUDY, Tags.ScheduledProcedureStepStartDate),
            matchable(STUDY, Tags.ScheduledProcedureStepStartTime),
            matchable(STUDY, Tags.Modality),
            matchable(STUDY, Tags.ScheduledPerformingPhysicianName),
            matchable(STUDY, Tags.ScheduledProcedureStepID),
            matchable(STUDY, Tags.ScheduledProcedureStepStatus),
            matchable(STUDY, Tags.ScheduledStationName),
            matchable(STUDY, Tags.ScheduledProcedureStepLocation));

    private static final List<QueryAttribute> ALL = List.of(
            matchable(STUDY, Tags.PatientName),
            matchable(STUDY, Tags.PatientID),
            matchable(STUDY, Tags.IssuerOfPatientID),
            matchable(STUDY, Tags.PatientBirthDate),
            matchable(STUDY, Tags.PatientSex),
            matchable(STUDY, Tags.AccessionNumber),
            matchable(STUDY, Tags.RequestedProcedureID),
            matchable(STUDY, Tags.StudyInstanceUID),
            matchable(STUDY, Tags.ReferringPhysicianName),
            matchable(STUDY, Tags.AdmissionID),
            matchable(STUDY, Tags.PlacerOrderNumberImagingServiceRequest),
            matchable(STUDY, Tags.FillerOrderNumberImagingServiceRequest),
            STEP);

    private WorklistAttributes() {
    }

    /** Every matchable key, the step's sequence last. */
    public static List<QueryAttribute> all() {
        return ALL;
    }

    /** The key with this tag (at the top level), or null. */
    public static QueryAttribute get(int tag) {
        for (QueryAttribute a : ALL) {
            if (a.tag() == tag) {
                return a;
            }
        }
        return null;
    }
}
