package org.vesalius.vna.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.api.query.ReturnKeys;

/**
 * Reads studies and patients through the archive's query port: a page of studies, then one query
 * for the series of the whole page and as few as possible for their instances (each at most the
 * index's 10,000-result window). Nothing is kept between requests.
 */
final class ArchiveReader {

    /** The study-level attributes an ImagingStudy needs beyond the QIDO defaults. */
    static final ReturnKeys STUDY_KEYS = new ReturnKeys(false, true, Set.of(Tags.StudyDescription,
            Tags.NameOfPhysiciansReadingStudy, Tags.ProcedureCodeSequence, Tags.IssuerOfAccessionNumberSequence,
            Tags.NumberOfStudyRelatedSeries, Tags.NumberOfStudyRelatedInstances, Tags.ModalitiesInStudy));
    static final ReturnKeys PATIENT_KEYS = new ReturnKeys(false, true, Set.of(Tags.OtherPatientIDsSequence,
            Tags.NumberOfPatientRelatedStudies));
    private static final ReturnKeys SERIES_KEYS = new ReturnKeys(false, true, Set.of(Tags.BodyPartExamined,
            Tags.Laterality, Tags.SeriesDate, Tags.SeriesTime, Tags.PerformingPhysicianName));
    /** Instances with the attributes of their series: one query gives both for the studies whose instances are listed. */
    private static final ReturnKeys INSTANCE_KEYS = new ReturnKeys(false, false, Set.of(Tags.SOPClassUID,
            Tags.InstanceNumber, Tags.ConceptNameCodeSequence, Tags.DocumentTitle, Tags.ContentLabel, Tags.SeriesInstanceUID,
            Tags.Modality, Tags.SeriesNumber, Tags.SeriesDescription, Tags.BodyPartExamined, Tags.Laterality, Tags.SeriesDate,
            Tags.SeriesTime, Tags.PerformedProcedureStepStartDate, Tags.PerformedProcedureStepStartTime,
            Tags.PerformingPhysicianName, Tags.RequestAttributesSequence));

    /** One page of a search. */
    record Page<T>(List<T> items, long total, String next) {
    }

    private final QueryPort queries;
    private final FhirSettings settings;

    ArchiveReader(QueryPort queries, FhirSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    /** A page of studies: from the start ({@code after} null, offset 0), after a position, or at an offset. */
    Page<StudyRecord> studies(ParsedSearch search, String after, int offset) {
        if (search.nothing()) {
            return new Page<>(List.of(), 0, null);
        }
        if (search.countOnly()) { // _summary=count: the total is all the answer holds
            return new Page<>(List.of(), queries.query(search.query().withPaging(1, 0)).totalMatches(), null);
        }
        QueryResult result = queries.query(search.query().withPaging(search.count(), offset).withAfter(after)
                .withTotal(search.total())); // Bundle.total only when the search asks for it
        List<StudyRecord> records = assemble(result, search.updatedBefore());
        String next = result.next() != null ? "a" + result.next()
                : result.truncated() ? "o" + (offset + result.matches().size()) : null;
        return new Page<>(records, result.totalMatches(), next);
    }

    /** One study by its UID. */
    Optional<StudyRecord> study(String uid) {
        Query q = new Query(QueryLevel.STUDY, List.of(uidMatch(Tags.StudyInstanceUID, List.of(uid))), STUDY_KEYS, 1, 0, false, List.of());
        List<StudyRecord> records = assemble(queries.query(q), null);
        return records.stream().findFirst();
    }

    /** A page of patients (lastUpdated beside each). */
    Page<Map.Entry<Dataset, Instant>> patients(ParsedSearch search, String after, int offset) {
        if (search.nothing()) {
            return new Page<>(List.of(), 0, null);
        }
        if (search.countOnly()) {
            return new Page<>(List.of(), queries.query(search.query().withPaging(1, 0)).totalMatches(), null);
        }
        QueryResult result = queries.query(search.query().withPaging(search.count(), offset).withAfter(after)
                .withTotal(search.total())); // Bundle.total only when the search asks for it
        List<Map.Entry<Dataset, Instant>> items = new ArrayList<>();
        for (int i = 0; i < result.matches().size(); i++) {
            Instant updated = result.lastUpdated().get(i);
            if (search.updatedBefore() == null || updated == null || !updated.isAfter(search.updatedBefore())) {
                items.add(Map.entry(result.matches().get(i), updated == null ? Instant.EPOCH : updated));
            }
        }
        String next = result.next() != null ? "a" + result.next()
                : result.truncated() ? "o" + (offset + result.matches().size()) : null;
        return new Page<>(items, result.totalMatches(), next);
    }

    /** The patients with these identities, by identity. */
    Map<PatientId, Map.Entry<Dataset, Instant>> patients(Set<PatientId> ids) {
        Map<PatientId, Map.Entry<Dataset, Instant>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        QueryResult result = queries.query(new Query(QueryLevel.PATIENT, List.of(), PATIENT_KEYS, ids.size(), 0, false, List.of())
                .withPatients(ids));
        for (int i = 0; i < result.matches().size(); i++) {
            Dataset d = result.matches().get(i);
            Instant updated = result.lastUpdated().get(i);
            out.put(PatientMapper.identity(d), Map.entry(d, updated == null ? Instant.EPOCH : updated));
        }
        return out;
    }

    /** The archive's identity of a Patient id, when a patient has it. */
    Optional<PatientId> resolve(String fhirId) {
        Optional<PatientIds.Decoded> decoded = PatientIds.decode(fhirId);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        return switch (decoded.get()) {
            case PatientIds.Decoded.Exact exact -> Optional.of(exact.patient());
            case PatientIds.Decoded.Hashed hashed -> PatientIds.find(hashed, queries);
        };
    }

    private List<StudyRecord> assemble(QueryResult studies, Instant updatedBefore) {
        Map<String, Dataset> byUid = new LinkedHashMap<>();
        Map<String, Instant> updated = new HashMap<>();
        for (int i = 0; i < studies.matches().size(); i++) {
            Dataset d = studies.matches().get(i);
            Instant u = studies.lastUpdated().get(i);
            if (updatedBefore != null && u != null && u.isAfter(updatedBefore)) {
                continue;
            }
            String uid = d.getString(Tags.StudyInstanceUID);
            byUid.put(uid, d);
            updated.put(uid, u);
        }
        // Listed studies: one instance query gives the instances and their series (in the archive's
        // order; a series' attributes from its first instance, as collapsing does). Others: their
        // series with counts.
        Map<String, List<Dataset>> instances = children(byUid, QueryLevel.INSTANCE, INSTANCE_KEYS, Tags.NumberOfStudyRelatedInstances,
                settings.instancesPerStudy());
        Map<String, Dataset> unlisted = new LinkedHashMap<>(byUid);
        unlisted.keySet().removeAll(instances.keySet());
        Map<String, List<Dataset>> series = children(unlisted, QueryLevel.SERIES, SERIES_KEYS, Tags.NumberOfStudyRelatedSeries, Integer.MAX_VALUE);
        List<StudyRecord> records = new ArrayList<>(byUid.size());
        byUid.forEach((uid, d) -> {
            if (!instances.containsKey(uid)) {
                records.add(new StudyRecord(d, updated.get(uid), series.getOrDefault(uid, List.of()), null));
                return;
            }
            Map<String, List<Dataset>> bySeries = new LinkedHashMap<>();
            for (Dataset i : instances.get(uid)) {
                bySeries.computeIfAbsent(i.getString(Tags.SeriesInstanceUID), k -> new ArrayList<>()).add(i);
            }
            List<Dataset> seriesOfStudy = new ArrayList<>(bySeries.size());
            bySeries.values().forEach(list -> {
                Dataset first = list.get(0);
                first.setInt(Tags.NumberOfSeriesRelatedInstances, org.vesalius.dicom.data.VR.IS, list.size());
                seriesOfStudy.add(first);
            });
            records.add(new StudyRecord(d, updated.get(uid), seriesOfStudy, bySeries));
        });
        return records;
    }

    /**
     * The series or instances of the given studies, by Study Instance UID, fetched in batches that
     * fit the index's result window; studies with more than {@code perStudyMax} children are left out.
     */
    private Map<String, List<Dataset>> children(Map<String, Dataset> studies, QueryLevel level, ReturnKeys keys,
            int countTag, int perStudyMax) {
        Map<String, List<Dataset>> out = new HashMap<>();
        List<String> batch = new ArrayList<>();
        long batchSize = 0;
        for (Map.Entry<String, Dataset> e : studies.entrySet()) {
            int n = e.getValue().getInt(countTag, 0);
            if (n <= 0 || n > perStudyMax) {
                continue;
            }
            if (batchSize + n > QueryPort.MAX_WINDOW && !batch.isEmpty()) {
                fetch(batch, level, keys, (int) batchSize, out);
                batch.clear();
                batchSize = 0;
            }
            batch.add(e.getKey());
            batchSize += n;
        }
        if (!batch.isEmpty()) {
            fetch(batch, level, keys, (int) Math.min(batchSize, QueryPort.MAX_WINDOW), out);
        }
        return out;
    }

    private void fetch(List<String> studyUids, QueryLevel level, ReturnKeys keys, int limit, Map<String, List<Dataset>> out) {
        Query q = new Query(level, List.of(uidMatch(Tags.StudyInstanceUID, studyUids)), keys,
                Math.max(1, Math.min(limit, QueryPort.MAX_WINDOW)), 0, false, List.of());
        for (Dataset d : queries.query(q).matches()) {
            out.computeIfAbsent(d.getString(Tags.StudyInstanceUID), k -> new ArrayList<>()).add(d);
        }
    }

    private static AttributeMatch uidMatch(int tag, List<String> uids) {
        return new AttributeMatch(QueryAttributes.get(tag),
                uids.size() == 1 ? new Condition.SingleValue(uids.get(0)) : new Condition.ValueList(uids));
    }
}
