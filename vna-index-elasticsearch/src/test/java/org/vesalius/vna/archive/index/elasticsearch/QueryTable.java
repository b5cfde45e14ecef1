package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.DicomDateTime;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.query.CFindQueryParser;
import org.vesalius.vna.archive.api.query.CFindQueryParser.InformationModel;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.index.elasticsearch.GeneratedArchive.Row;

/**
 * The table of QIDO-RS and C-FIND queries that {@link ElasticsearchStudyIndexIT} runs, each with
 * the predicate on generated rows that says which entities it must return.
 */
public final class QueryTable {

    private QueryTable() {
    }

    /** One row of the table: a query and the rows it must match. */
    public record Case(String name, Query query, Predicate<Row> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> cases(List<Row> rows) {
        Row a = rows.get(0);
        Row timed = rows.stream().filter(r -> r.studyTime() != null).skip(40).findFirst().orElseThrow();
        Row referencing = rows.stream().filter(r -> r.referencedStudyUid() != null).findFirst().orElseThrow();
        Row lastStudy = rows.get(rows.size() - 1);
        LocalDate d1 = LocalDate.of(2020, 1, 1);
        LocalDate d2 = LocalDate.of(2021, 12, 31);
        LocalTime t1 = LocalTime.of(10, 0);
        LocalTime t2 = LocalTime.of(18, 0, 59, 999_999_999); // "1800" covers the minute
        List<Case> c = new ArrayList<>();
        // Universal matching and patient identity
        c.add(qido("all studies", QueryLevel.STUDY, "", r -> true));
        c.add(qido("Patient ID across issuers", QueryLevel.STUDY, "PatientID=12345", r -> r.patientId().equals("12345")));
        c.add(qido("Patient ID with issuer A", QueryLevel.STUDY, "PatientID=12345&IssuerOfPatientID=HOSP_A",
                r -> r.patientId().equals("12345") && r.issuer().equals("HOSP_A")));
        c.add(qido("Patient ID with issuer B", QueryLevel.STUDY, "PatientID=12345&IssuerOfPatientID=HOSP_B",
                r -> r.patientId().equals("12345") && r.issuer().equals("HOSP_B")));
        c.add(qido("issuer qualifiers (sequence)", QueryLevel.STUDY,
                "IssuerOfPatientIDQualifiersSequence.UniversalEntityID=1.2.3.4.5", r -> r.universalEntityId() != null));
        c.add(cfind("C-FIND patients with ID 12345", InformationModel.PATIENT_ROOT, false, false,
                identifier("PATIENT", Tags.PatientID, VR.LO, "12345", Tags.IssuerOfPatientID, VR.LO, ""),
                QueryLevel.PATIENT, r -> r.patientId().equals("12345")));
        // Person names: every group, case- and accent-insensitive, wild cards
        c.add(qido("PN accent and case", QueryLevel.STUDY, "PatientName=MULLER^jurgen", r -> r.patientName().startsWith("Müller")));
        c.add(qido("PN exact other case", QueryLevel.STUDY, "PatientName=doe^JOHN", r -> r.patientName().equals("Doe^John")));
        c.add(qido("PN family only does not match longer name", QueryLevel.STUDY, "PatientName=Doe", r -> false));
        c.add(qido("PN wildcard *", QueryLevel.STUDY, "PatientName=Doe*", r -> r.patientName().startsWith("Doe^")));
        c.add(qido("PN wildcard ?", QueryLevel.STUDY, "PatientName=*^J?ne", r -> r.patientName().equals("Doe^Jane")));
        c.add(qido("PN ideographic group", QueryLevel.STUDY, "PatientName=山田^太郎", r -> r.patientName().contains("山田")));
        c.add(qido("PN phonetic wildcard", QueryLevel.STUDY, "PatientName=やまだ*", r -> r.patientName().contains("やまだ")));
        c.add(qido("PN group-wise", QueryLevel.STUDY, "PatientName=yamada^tarou=山田^太郎", r -> r.patientName().contains("山田")));
        c.add(qido("PN group-wise mismatch", QueryLevel.STUDY, "PatientName=Smith^Anna=山田^太郎", r -> false));
        c.add(qido("PN non-ASCII letters not folded", QueryLevel.STUDY, "PatientName=Odegard*", r -> false));
        c.add(qido("PN ø itself", QueryLevel.STUDY, "PatientName=ødegård^åse", r -> r.patientName().startsWith("Ødegård")));
        c.add(qido("referring physician wildcard, accents", QueryLevel.STUDY, "ReferringPhysicianName=schafer*",
                r -> r.referringPhysician().startsWith("Schäfer")));
        // Single value: exact and case-sensitive for other VRs
        c.add(qido("accession exact", QueryLevel.STUDY, "AccessionNumber=" + a.accession(), r -> r.accession().equals(a.accession())));
        c.add(qido("accession is case-sensitive", QueryLevel.STUDY, "AccessionNumber=" + a.accession().toLowerCase(), r -> false));
        c.add(qido("accession wildcard", QueryLevel.STUDY, "AccessionNumber=ACC100?", r -> r.accession().matches("ACC100.")));
        c.add(qido("study description wildcard", QueryLevel.STUDY, "StudyDescription=CT*", r -> r.studyDescription().startsWith("CT")));
        c.add(qido("sex", QueryLevel.STUDY, "PatientSex=F", r -> r.sex().equals("F")));
        // UID lists
        c.add(qido("UID list with commas", QueryLevel.STUDY, "StudyInstanceUID=" + a.studyUid() + "," + lastStudy.studyUid(),
                r -> r.studyUid().equals(a.studyUid()) || r.studyUid().equals(lastStudy.studyUid())));
        c.add(qido("UID list with backslash", QueryLevel.SERIES, "SeriesInstanceUID=" + a.seriesUid() + "\\" + lastStudy.seriesUid(),
                r -> r.seriesUid().equals(a.seriesUid()) || r.seriesUid().equals(lastStudy.seriesUid())));
        // Dates and times
        c.add(qido("date range", QueryLevel.STUDY, "StudyDate=20200101-20211231",
                r -> !r.studyDate().isBefore(d1) && !r.studyDate().isAfter(d2)));
        c.add(qido("open date range from", QueryLevel.STUDY, "StudyDate=20230101-", r -> !r.studyDate().isBefore(LocalDate.of(2023, 1, 1))));
        c.add(qido("open date range to", QueryLevel.STUDY, "StudyDate=-20191231", r -> r.studyDate().getYear() <= 2019));
        c.add(qido("single date", QueryLevel.STUDY, "StudyDate=" + fmt(a.studyDate()), r -> r.studyDate().equals(a.studyDate())));
        c.add(qido("birth date range", QueryLevel.STUDY, "PatientBirthDate=19700101-19851231",
                r -> r.birthDate().getYear() >= 1970 && r.birthDate().getYear() <= 1985));
        c.add(qido("time range alone", QueryLevel.STUDY, "StudyTime=0800-1200",
                r -> Expectations.timeIn(r.studyTime(), LocalTime.of(8, 0), LocalTime.of(12, 0, 59, 999_999_999))));
        c.add(qido("single time to the second", QueryLevel.STUDY, "StudyTime=" + fmt(timed.studyTime()),
                r -> timed.studyTime().equals(r.studyTime())));
        c.add(qido("combined date-time (QIDO)", QueryLevel.STUDY, "StudyDate=20200101-20211231&StudyTime=1000-1800",
                r -> Expectations.combined(r, d1, t1, d2, t2)));
        c.add(qido("combined, open time", QueryLevel.STUDY, "StudyDate=20200101-20211231&StudyTime=1000-",
                r -> Expectations.combined(r, d1, t1, d2, null)));
        c.add(cfind("C-FIND combined date-time negotiated", InformationModel.STUDY_ROOT, false, true,
                identifier("STUDY", Tags.StudyDate, VR.DA, "20200101-20211231", Tags.StudyTime, VR.TM, "1000-1800"),
                QueryLevel.STUDY, r -> Expectations.combined(r, d1, t1, d2, t2)));
        c.add(cfind("C-FIND date and time independently", InformationModel.STUDY_ROOT, false, false,
                identifier("STUDY", Tags.StudyDate, VR.DA, "20200101-20211231", Tags.StudyTime, VR.TM, "1000-1800"),
                QueryLevel.STUDY, r -> !r.studyDate().isBefore(d1) && !r.studyDate().isAfter(d2)
                        && Expectations.timeIn(r.studyTime(), t1, t2)));
        // Study aggregates as keys, relational keys
        c.add(qido("modalities in study", QueryLevel.STUDY, "ModalitiesInStudy=MR", r -> r.modality().equals("MR")));
        c.add(qido("modalities in study list", QueryLevel.STUDY, "ModalitiesInStudy=MR\\US", r -> r.modality().matches("MR|US")));
        c.add(qido("SOP classes in study", QueryLevel.STUDY, "SOPClassesInStudy=" + GeneratedArchive.SR,
                r -> r.sopClassUid().equals(GeneratedArchive.SR)));
        c.add(qido("relational: series key at study level", QueryLevel.STUDY, "Modality=CT", r -> r.modality().equals("CT")));
        // Sequences
        c.add(qido("referenced study sequence", QueryLevel.STUDY,
                "ReferencedStudySequence.ReferencedSOPInstanceUID=" + referencing.referencedStudyUid(),
                r -> referencing.referencedStudyUid().equals(r.referencedStudyUid())));
        c.add(qido("request attributes: requested procedure", QueryLevel.SERIES,
                "RequestAttributesSequence.RequestedProcedureID=" + a.requestedProcedureId(),
                r -> r.requestedProcedureId().equals(a.requestedProcedureId())));
        c.add(qido("request attributes: two keys in one item", QueryLevel.SERIES,
                "RequestAttributesSequence.AccessionNumber=" + a.accession() + "&00400275.00401001=" + a.requestedProcedureId(),
                r -> r.requestedProcedureId().equals(a.requestedProcedureId())));
        c.add(qido("request attributes: keys from different items do not mix", QueryLevel.SERIES,
                "RequestAttributesSequence.AccessionNumber=" + lastStudy.accession() + "&00400275.00401001=" + a.requestedProcedureId(),
                r -> r.requestedProcedureId().equals(a.requestedProcedureId()) && r.accession().equals(lastStudy.accession())));
        // Series and instance levels
        c.add(qido("series by modality", QueryLevel.SERIES, "Modality=MR", r -> r.modality().equals("MR")));
        c.add(qido("series number (IS as number)", QueryLevel.SERIES, "SeriesNumber=+02", r -> r.seriesNumber() == 2));
        c.add(qido("series in a study (scope)", QueryLevel.SERIES, "StudyInstanceUID=" + a.studyUid(), r -> r.studyUid().equals(a.studyUid())));
        c.add(qido("instances by SOP class", QueryLevel.INSTANCE, "SOPClassUID=" + GeneratedArchive.CT,
                r -> r.sopClassUid().equals(GeneratedArchive.CT)));
        c.add(qido("instances: number and rows", QueryLevel.INSTANCE, "InstanceNumber=3&Rows=256",
                r -> r.instanceNumber() == 3 && r.rows() == 256));
        c.add(qido("instances by patient and study date", QueryLevel.INSTANCE, "PatientID=12345&IssuerOfPatientID=HOSP_B&StudyDate=20200101-",
                r -> r.patientKey().equals("12345\\HOSP_B") && r.studyDate().getYear() >= 2020));
        c.add(cfind("C-FIND study root series level", InformationModel.STUDY_ROOT, false, false,
                identifier("SERIES", Tags.StudyInstanceUID, VR.UI, a.studyUid(), Tags.Modality, VR.CS, a.modality(),
                        Tags.SeriesNumber, VR.IS, ""),
                QueryLevel.SERIES, r -> r.studyUid().equals(a.studyUid()) && r.modality().equals(a.modality())));
        c.add(cfind("C-FIND patient root image level", InformationModel.PATIENT_ROOT, false, false,
                identifier("IMAGE", Tags.PatientID, VR.LO, a.patientId(), Tags.StudyInstanceUID, VR.UI, a.studyUid(),
                        Tags.SeriesInstanceUID, VR.UI, a.seriesUid(), Tags.SOPInstanceUID, VR.UI, ""),
                QueryLevel.INSTANCE, r -> r.seriesUid().equals(a.seriesUid())));
        c.add(cfind("C-FIND study root relational", InformationModel.STUDY_ROOT, true, false,
                identifier("STUDY", Tags.PatientName, VR.PN, "doe*", Tags.Modality, VR.CS, "CT"),
                QueryLevel.STUDY, r -> r.patientName().startsWith("Doe^") && r.modality().equals("CT")));
        return c;
    }

    static String fmt(LocalDate d) {
        return DicomDateTime.formatDate(d);
    }

    static String fmt(LocalTime t) {
        return DicomDateTime.formatTime(t.withNano(0));
    }

    static Case qido(String name, QueryLevel level, String query, Predicate<Row> expected) {
        return new Case("QIDO " + name + " [" + query + "]", QidoQueryParser.parse(level, parameters(query)), expected);
    }

    static Case cfind(String name, InformationModel model, boolean relational, boolean combined, Dataset identifier,
            QueryLevel level, Predicate<Row> expected) {
        Query q = CFindQueryParser.parse(identifier, new CFindQueryParser.Options(model, relational, combined, false));
        assertThat(q.level()).isEqualTo(level);
        return new Case(name, q, expected);
    }

    /** {@code a=1&b=2} as a parameter map (values already decoded). */
    static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                map.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
            }
        }
        return map;
    }

    /** A C-FIND identifier: level, then (tag, VR, value) triples. */
    static Dataset identifier(String level, Object... keys) {
        Dataset d = new Dataset();
        d.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        d.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        for (int i = 0; i < keys.length; i += 3) {
            int tag = (Integer) keys[i];
            VR vr = (VR) keys[i + 1];
            String value = (String) keys[i + 2];
            if (value.isEmpty()) {
                d.set(tag, vr, null);
            } else {
                d.setString(tag, vr, value.split("\\\\"));
            }
        }
        return d;
    }

}
