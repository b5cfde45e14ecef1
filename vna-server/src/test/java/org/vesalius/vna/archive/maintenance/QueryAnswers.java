package org.vesalius.vna.archive.maintenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.query.CFindQueryParser;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.index.elasticsearch.GeneratedArchive;
import org.vesalius.vna.archive.index.elasticsearch.QueryTable;

/**
 * The answers of a table of queries, as comparable text: the index's table of QIDO-RS and C-FIND
 * queries over the generated archive, plus queries over everything stored (every level with every
 * stored attribute, patients, names, dates, modalities, counts, the coerced issuer, a versioned
 * instance).
 */
final class QueryAnswers {

    /** One answer: the matches as DICOM JSON, in order, with the totals and warnings. */
    record Answer(List<String> matches, long totalMatches, boolean truncated, List<String> warnings) {
    }

    private QueryAnswers() {
    }

    static Map<String, Query> table(GeneratedArchive generated, String coercedPatientId, String versionedSop) {
        Map<String, Query> queries = new LinkedHashMap<>();
        for (QueryTable.Case c : QueryTable.cases(generated.rows())) {
            queries.put(c.name(), c.query());
        }
        qido(queries, QueryLevel.STUDY, "includefield", "all");
        qido(queries, QueryLevel.SERIES, "includefield", "all");
        qido(queries, QueryLevel.INSTANCE, "includefield", "all");
        qido(queries, QueryLevel.STUDY, "PatientName", "*a*", "includefield", "all");
        qido(queries, QueryLevel.STUDY, "StudyDate", "19900101-20101231");
        qido(queries, QueryLevel.STUDY, "ModalitiesInStudy", "CT\\MR\\OT");
        qido(queries, QueryLevel.SERIES, "Modality", "US", "includefield", "all");
        qido(queries, QueryLevel.INSTANCE, "SOPClassUID", "1.2.840.10008.5.1.4.1.1.7");
        qido(queries, QueryLevel.STUDY, "PatientID", coercedPatientId, "IssuerOfPatientID", TestArchive.DEFAULT_ISSUER);
        qido(queries, QueryLevel.INSTANCE, "SOPInstanceUID", versionedSop, "includefield", "all");
        qido(queries, QueryLevel.STUDY, "limit", "5", "offset", "3");
        Dataset patients = new Dataset();
        patients.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        patients.setString(Tags.QueryRetrieveLevel, VR.CS, "PATIENT");
        for (int tag : new int[] {Tags.PatientName, Tags.PatientID, Tags.IssuerOfPatientID, Tags.PatientBirthDate,
                Tags.NumberOfPatientRelatedStudies, Tags.NumberOfPatientRelatedSeries, Tags.NumberOfPatientRelatedInstances}) {
            patients.set(tag, tag == Tags.PatientName ? VR.PN : tag == Tags.PatientBirthDate ? VR.DA
                    : tag == Tags.PatientID || tag == Tags.IssuerOfPatientID ? VR.LO : VR.IS, null);
        }
        queries.put("C-FIND every patient with counts", CFindQueryParser.parse(patients,
                new CFindQueryParser.Options(CFindQueryParser.InformationModel.PATIENT_ROOT, false, false, false)));
        return queries;
    }

    private static void qido(Map<String, Query> queries, QueryLevel level, String... parameters) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.computeIfAbsent(parameters[i], k -> new ArrayList<>()).add(parameters[i + 1]);
        }
        queries.put("QIDO " + level + " " + map, QidoQueryParser.parse(level, map));
    }

    /** Where two answers differ, briefly, or null when they agree. */
    static String difference(Answer expected, Answer actual) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.totalMatches() != actual.totalMatches() || expected.matches().size() != actual.matches().size()) {
            return "totals " + expected.totalMatches() + "/" + expected.matches().size() + " vs " + actual.totalMatches()
                    + "/" + actual.matches().size();
        }
        for (int i = 0; i < expected.matches().size(); i++) {
            String a = expected.matches().get(i);
            String b = actual.matches().get(i);
            if (!a.equals(b)) {
                int at = 0;
                while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at)) {
                    at++;
                }
                int from = Math.max(0, at - 150);
                return "match " + i + " differs at " + at + ":\n  expected …" + a.substring(from, Math.min(a.length(), at + 150))
                        + "\n  actual   …" + b.substring(from, Math.min(b.length(), at + 150));
            }
        }
        return "truncated or warnings: " + expected + " vs " + actual;
    }

    static Map<String, Answer> answers(QueryPort service, Map<String, Query> queries) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        queries.forEach((name, query) -> {
            QueryResult result = service.query(query);
            answers.put(name, new Answer(result.matches().stream().map(d -> DicomJsonWriter.toJson(d, WriteOptions.DEFAULT))
                    .toList(), result.totalMatches(), result.truncated(), result.warnings()));
        });
        return answers;
    }
}
