package org.vesalius.vna.archive.api.query;

import static org.vesalius.vna.archive.api.query.QueryLevel.INSTANCE;
import static org.vesalius.vna.archive.api.query.QueryLevel.PATIENT;
import static org.vesalius.vna.archive.api.query.QueryLevel.SERIES;
import static org.vesalius.vna.archive.api.query.QueryLevel.STUDY;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.query.QueryAttribute.MatchKind;

/**
 * The attributes the archive indexes and returns per level: the keys of the Patient Root and
 * Study Root information models (PS3.4 C.6.1, C.6.2) that archives commonly support, and the
 * QIDO-RS attributes of PS3.18 Table 10.6.3-3 to -5. One table serves the query parsers (which
 * keys can match, at which level), the index (one field per matchable attribute) and the results
 * (which attributes a level returns).
 *
 * <p>An attribute not listed here can still be asked for as a return key: results carry it when
 * the instance has it (at the study and series levels: as the first instance found has it).
 */
public final class QueryAttributes {

    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();
    private static final int D = 1;   // QIDO default return key
    private static final int M = 2;   // matchable
    private static final List<QueryAttribute> ALL;
    private static final Map<Integer, QueryAttribute> BY_TAG;

    static {
        List<QueryAttribute> a = new ArrayList<>();
        // Patient (PS3.4 C.6.1.1.2); patient identity is Patient ID with its issuer and qualifiers.
        a.add(attr(PATIENT, Tags.PatientName, D | M));
        a.add(attr(PATIENT, Tags.PatientID, D | M));
        a.add(attr(PATIENT, Tags.IssuerOfPatientID, D | M));
        a.add(seq(PATIENT, Tags.IssuerOfPatientIDQualifiersSequence, D,
                Tags.UniversalEntityID, Tags.UniversalEntityIDType, Tags.IdentifierTypeCode));
        a.add(attr(PATIENT, Tags.PatientBirthDate, D | M));
        a.add(attr(PATIENT, Tags.PatientBirthTime, 0));
        a.add(attr(PATIENT, Tags.PatientSex, D | M));
        a.add(seq(PATIENT, Tags.OtherPatientIDsSequence, 0, Tags.PatientID, Tags.IssuerOfPatientID, Tags.TypeOfPatientID));
        a.add(attr(PATIENT, Tags.EthnicGroup, 0));
        a.add(attr(PATIENT, Tags.PatientComments, 0));
        a.add(computed(PATIENT, Tags.NumberOfPatientRelatedStudies, 0));
        a.add(computed(PATIENT, Tags.NumberOfPatientRelatedSeries, 0));
        a.add(computed(PATIENT, Tags.NumberOfPatientRelatedInstances, 0));
        // Study (C.6.1.1.3, C.6.2.1.2; PS3.18 Table 10.6.3-3)
        a.add(attr(STUDY, Tags.StudyInstanceUID, D | M));
        a.add(attr(STUDY, Tags.StudyDate, D | M));
        a.add(attr(STUDY, Tags.StudyTime, D | M));
        a.add(attr(STUDY, Tags.AccessionNumber, D | M));
        a.add(seq(STUDY, Tags.IssuerOfAccessionNumberSequence, 0,
                Tags.LocalNamespaceEntityID, Tags.UniversalEntityID, Tags.UniversalEntityIDType));
        a.add(attr(STUDY, Tags.StudyID, D | M));
        a.add(attr(STUDY, Tags.ReferringPhysicianName, D | M));
        a.add(attr(STUDY, Tags.StudyDescription, M));
        a.add(attr(STUDY, Tags.PhysiciansOfRecord, M));
        a.add(attr(STUDY, Tags.NameOfPhysiciansReadingStudy, M));
        a.add(seq(STUDY, Tags.ReferencedStudySequence, 0, Tags.ReferencedSOPClassUID, Tags.ReferencedSOPInstanceUID));
        a.add(seq(STUDY, Tags.ProcedureCodeSequence, 0, Tags.CodeValue, Tags.CodingSchemeDesignator));
        a.add(attr(STUDY, Tags.AdmittingDiagnosesDescription, 0));
        a.add(attr(STUDY, Tags.PatientAge, 0));
        a.add(attr(STUDY, Tags.PatientSize, 0));
        a.add(attr(STUDY, Tags.PatientWeight, 0));
        a.add(attr(STUDY, Tags.TimezoneOffsetFromUTC, D));
        a.add(via(STUDY, Tags.ModalitiesInStudy, D, Tags.Modality));
        a.add(via(STUDY, Tags.SOPClassesInStudy, 0, Tags.SOPClassUID));
        a.add(computed(STUDY, Tags.NumberOfStudyRelatedSeries, D));
        a.add(computed(STUDY, Tags.NumberOfStudyRelatedInstances, D));
        // Series (C.6.1.1.4; PS3.18 Table 10.6.3-4)
        a.add(attr(SERIES, Tags.SeriesInstanceUID, D | M));
        a.add(attr(SERIES, Tags.Modality, D | M));
        a.add(attr(SERIES, Tags.SeriesNumber, D | M));
        a.add(attr(SERIES, Tags.SeriesDescription, D | M));
        a.add(attr(SERIES, Tags.SeriesDate, M));
        a.add(attr(SERIES, Tags.SeriesTime, M));
        a.add(attr(SERIES, Tags.PerformedProcedureStepStartDate, D | M));
        a.add(attr(SERIES, Tags.PerformedProcedureStepStartTime, D | M));
        a.add(seq(SERIES, Tags.RequestAttributesSequence, D, Tags.RequestedProcedureID,
                Tags.ScheduledProcedureStepID, Tags.AccessionNumber, Tags.StudyInstanceUID));
        a.add(attr(SERIES, Tags.BodyPartExamined, M));
        a.add(attr(SERIES, Tags.Laterality, M));
        a.add(attr(SERIES, Tags.InstitutionName, M));
        a.add(attr(SERIES, Tags.InstitutionalDepartmentName, M));
        a.add(attr(SERIES, Tags.StationName, M));
        a.add(attr(SERIES, Tags.PerformingPhysicianName, M));
        a.add(attr(SERIES, Tags.OperatorsName, M));
        a.add(attr(SERIES, Tags.Manufacturer, M));
        a.add(attr(SERIES, Tags.ManufacturerModelName, M));
        a.add(attr(SERIES, Tags.ProtocolName, M));
        a.add(computed(SERIES, Tags.NumberOfSeriesRelatedInstances, D));
        // Instance (C.6.1.1.5; PS3.18 Table 10.6.3-5)
        a.add(attr(INSTANCE, Tags.SOPInstanceUID, D | M));
        a.add(attr(INSTANCE, Tags.SOPClassUID, D | M));
        a.add(attr(INSTANCE, Tags.InstanceNumber, D | M));
        a.add(attr(INSTANCE, Tags.Rows, D | M));
        a.add(attr(INSTANCE, Tags.Columns, D | M));
        a.add(attr(INSTANCE, Tags.BitsAllocated, D));
        a.add(attr(INSTANCE, Tags.NumberOfFrames, D | M));
        a.add(attr(INSTANCE, Tags.ImageType, M));
        a.add(attr(INSTANCE, Tags.ContentDate, M));
        a.add(attr(INSTANCE, Tags.ContentTime, M));
        a.add(attr(INSTANCE, Tags.AcquisitionDate, M));
        a.add(attr(INSTANCE, Tags.AcquisitionTime, M));
        a.add(attr(INSTANCE, Tags.AcquisitionDateTime, M));
        a.add(attr(INSTANCE, Tags.ContentLabel, M));
        a.add(attr(INSTANCE, Tags.ContentDescription, M));
        a.add(attr(INSTANCE, Tags.CompletionFlag, M));
        a.add(attr(INSTANCE, Tags.VerificationFlag, M));
        a.add(seq(INSTANCE, Tags.ConceptNameCodeSequence, 0, Tags.CodeValue, Tags.CodingSchemeDesignator));
        ALL = List.copyOf(a);
        Map<Integer, QueryAttribute> byTag = new LinkedHashMap<>();
        for (QueryAttribute q : ALL) {
            if (byTag.put(q.tag(), q) != null) {
                throw new IllegalStateException("listed twice: " + q.keyword());
            }
        }
        BY_TAG = Collections.unmodifiableMap(byTag);
    }

    private QueryAttributes() {
    }

    /** Every attribute, patient level first. */
    public static List<QueryAttribute> all() {
        return ALL;
    }

    /** The attribute with this tag, or null when the archive does not list it. */
    public static QueryAttribute get(int tag) {
        return BY_TAG.get(tag);
    }

    /** The attributes of exactly this level. */
    public static List<QueryAttribute> ofLevel(QueryLevel level) {
        return ALL.stream().filter(q -> q.level() == level).toList();
    }

    /** The DA / TM pairs matched together under combined date-time matching, date first. */
    public static List<int[]> dateTimePairs() {
        return List.of(
                new int[] {Tags.StudyDate, Tags.StudyTime},
                new int[] {Tags.SeriesDate, Tags.SeriesTime},
                new int[] {Tags.PerformedProcedureStepStartDate, Tags.PerformedProcedureStepStartTime},
                new int[] {Tags.ContentDate, Tags.ContentTime},
                new int[] {Tags.AcquisitionDate, Tags.AcquisitionTime});
    }

    /** The TM partner of a DA attribute under combined date-time matching, or -1. */
    public static int timePartnerOf(int dateTag) {
        for (int[] pair : dateTimePairs()) {
            if (pair[0] == dateTag) {
                return pair[1];
            }
        }
        return -1;
    }

    /**
     * A matchable attribute outside this table, matched as the table's attributes of its VR are:
     * for another information model (the Modality Worklist's keys). A sequence takes its item
     * attributes.
     */
    public static QueryAttribute matchable(QueryLevel level, int tag, QueryAttribute... items) {
        VR vr = DICTIONARY.vrOf(tag);
        return new QueryAttribute(tag, DICTIONARY.keywordOf(tag), vr, level, kindOf(vr), tag, false, List.of(items));
    }

    private static QueryAttribute attr(QueryLevel level, int tag, int flags) {
        VR vr = DICTIONARY.vrOf(tag);
        MatchKind kind = (flags & M) == 0 ? MatchKind.NONE : kindOf(vr);
        return new QueryAttribute(tag, DICTIONARY.keywordOf(tag), vr, level, kind, tag, (flags & D) != 0, List.of());
    }

    private static QueryAttribute computed(QueryLevel level, int tag, int flags) {
        return attr(level, tag, flags & D);
    }

    private static QueryAttribute via(QueryLevel level, int tag, int flags, int indexedTag) {
        VR vr = DICTIONARY.vrOf(tag);
        return new QueryAttribute(tag, DICTIONARY.keywordOf(tag), vr, level, kindOf(vr), indexedTag, (flags & D) != 0, List.of());
    }

    private static QueryAttribute seq(QueryLevel level, int tag, int flags, int... itemTags) {
        List<QueryAttribute> items = new ArrayList<>();
        for (int itemTag : itemTags) {
            items.add(attr(level, itemTag, M));
        }
        return new QueryAttribute(tag, DICTIONARY.keywordOf(tag), VR.SQ, level, MatchKind.SEQUENCE, tag,
                (flags & D) != 0, items);
    }

    static MatchKind kindOf(VR vr) {
        return switch (vr) {
            case PN -> MatchKind.PERSON_NAME;
            case UI -> MatchKind.UID;
            case IS, US, UL, SS, SL -> MatchKind.INTEGER;
            case DA -> MatchKind.DATE;
            case TM -> MatchKind.TIME;
            case DT -> MatchKind.DATE_TIME;
            case SQ -> MatchKind.SEQUENCE;
            case AE, AS, CS, LO, LT, SH, ST, UC, UR, UT -> MatchKind.TEXT;
            default -> MatchKind.NONE;
        };
    }

    /** True for the attributes the index computes rather than stores. */
    public static boolean isComputed(int tag) {
        return switch (tag) {
            case Tags.NumberOfPatientRelatedStudies, Tags.NumberOfPatientRelatedSeries,
                    Tags.NumberOfPatientRelatedInstances, Tags.NumberOfStudyRelatedSeries,
                    Tags.NumberOfStudyRelatedInstances, Tags.NumberOfSeriesRelatedInstances,
                    Tags.ModalitiesInStudy, Tags.SOPClassesInStudy -> true;
            default -> false;
        };
    }
}
