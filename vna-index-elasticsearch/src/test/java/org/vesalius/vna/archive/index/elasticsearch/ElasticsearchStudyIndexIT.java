package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.query.CFindQueryParser;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.elasticsearch.GeneratedArchive.Row;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.archive.query.QueryFeature;

/**
 * The index against a real Elasticsearch ({@code vna.test.elasticsearch.url}, which
 * {@code ./vna test} sets): a generated archive of about 300 instances, and a table of QIDO-RS
 * and C-FIND queries whose expected answers are computed in plain Java from the generated rows.
 * Skipped when no Elasticsearch is given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchStudyIndexIT {

    private final GeneratedArchive data = GeneratedArchive.generate(4711, 300);
    private final List<Row> rows = data.rows();
    private ElasticsearchStudyIndex index;
    private QueryPort service;

    static String elasticsearchUrl() {
        return TestElasticsearch.url();
    }

    static ElasticsearchStudyIndex newIndex() {
        String url = TestElasticsearch.require();
        return new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create(url))
                .withNamePrefix("vna-it-" + UUID.randomUUID().toString().substring(0, 8)).withRefreshOnWrite(true));
    }

    @BeforeAll
    void indexTheArchive() {
        index = newIndex();
        index.index(data.instances());
        index.refresh();
        service = QueryFeature.create(index, 1000);
    }

    @AfterAll
    void dropTheIndex() {
        if (index != null) {
            index.deleteIndex();
            index.close();
        }
    }

    Stream<QueryTable.Case> cases() {
        return QueryTable.cases(rows).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers_as_computed_from_the_data(QueryTable.Case c) {
        List<String> expected = Expectations.matching(rows, c.query().level(), c.expected());
        QueryResult result = service.query(c.query());
        List<String> actual = result.matches().stream().map(d -> Expectations.key(c.query().level(), d)).toList();
        assertThat(actual).as(c.name()).containsExactlyElementsOf(expected);
        assertThat(result.totalMatches()).as(c.name() + ": total").isEqualTo(expected.size());
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void paging_with_limit_and_offset_walks_every_study_once_in_order() {
        List<String> expected = Expectations.matching(rows, QueryLevel.STUDY, r -> true);
        List<String> walked = new ArrayList<>();
        for (int offset = 0; offset < expected.size() + 7; offset += 7) {
            QueryResult page = service.query(QidoQueryParser.parse(QueryLevel.STUDY,
                    Map.of("limit", List.of("7"), "offset", List.of(Integer.toString(offset)))));
            page.matches().forEach(d -> walked.add(Expectations.key(QueryLevel.STUDY, d)));
            assertThat(page.totalMatches()).isEqualTo(expected.size());
            assertThat(page.truncated()).as("offset " + offset).isEqualTo(offset + 7 < expected.size());
        }
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void a_limit_as_large_as_the_result_window_is_answered() {
        // Asking one hit past the limit would cross Elasticsearch's 10,000 window.
        QueryPort widest = QueryFeature.create(index, QueryPort.MAX_WINDOW);
        for (QueryLevel level : List.of(QueryLevel.STUDY, QueryLevel.INSTANCE)) {
            QueryResult result = widest.query(QidoQueryParser.parse(level, Map.of()));
            assertThat(result.truncated()).isFalse();
            assertThat(result.matches()).hasSize((int) result.totalMatches());
        }
    }

    @Test
    void the_service_maximum_truncates_a_query_without_limit() {
        QueryPort small = QueryFeature.create(index, 5);
        QueryResult result = small.query(QidoQueryParser.parse(QueryLevel.SERIES, Map.of()));
        assertThat(result.matches()).hasSize(5);
        assertThat(result.truncated()).isTrue();
        assertThat(result.totalMatches()).isEqualTo(Expectations.matching(rows, QueryLevel.SERIES, r -> true).size());
    }

    @Test
    void study_series_and_patient_aggregates_count_every_instance() {
        assertAggregates(index);
    }

    @Test
    void indexing_the_same_instances_again_changes_nothing() {
        index.index(data.instances());
        index.index(data.instances().subList(0, 17));
        index.refresh();
        assertAggregates(index);
        QueryResult all = service.query(QidoQueryParser.parse(QueryLevel.INSTANCE, Map.of("limit", List.of("1"))));
        assertThat(all.totalMatches()).isEqualTo(rows.size());
    }

    @Test
    void removal_updates_counts_and_drops_empty_studies_and_series() {
        ElasticsearchStudyIndex other = newIndex();
        try {
            other.index(data.instances());
            Row study = rows.get(0);
            Row series = rows.stream().filter(r -> !r.studyUid().equals(study.studyUid())
                    && rows.stream().filter(x -> x.studyUid().equals(r.studyUid())).map(Row::seriesUid).distinct().count() > 1)
                    .findFirst().orElseThrow();
            List<Row> gone = rows.stream().filter(r -> r.studyUid().equals(study.studyUid())
                    || r.seriesUid().equals(series.seriesUid()) || r.instanceNumber() == 2).toList();
            other.remove(gone.stream().map(GeneratedArchive::ref).toList());
            other.remove(List.of(GeneratedArchive.ref(gone.get(0)))); // removing again is fine
            other.refresh();
            List<Row> left = rows.stream().filter(r -> !gone.contains(r)).toList();
            QueryPort otherService = QueryFeature.create(other, 1000);
            QueryResult studies = otherService.query(QidoQueryParser.parse(QueryLevel.STUDY, Map.of()));
            assertThat(studies.matches()).extracting(d -> d.getString(Tags.StudyInstanceUID))
                    .containsExactlyElementsOf(Expectations.matching(left, QueryLevel.STUDY, r -> true))
                    .doesNotContain(study.studyUid());
            assertStudyCounts(studies.matches(), left);
            QueryResult seriesOfStudy = otherService.query(QidoQueryParser.parse(QueryLevel.SERIES,
                    new QidoQueryParser.Scope(series.studyUid(), null), Map.of()));
            assertThat(seriesOfStudy.matches()).extracting(d -> d.getString(Tags.SeriesInstanceUID))
                    .containsExactlyElementsOf(Expectations.matching(left, QueryLevel.SERIES,
                            r -> r.studyUid().equals(series.studyUid())))
                    .doesNotContain(series.seriesUid());
        } finally {
            other.deleteIndex();
            other.close();
        }
    }

    @Test
    void results_carry_the_stored_attributes_without_a_blob_read() {
        Row yamada = rows.stream().filter(r -> r.patientName().contains("山田")).findFirst().orElseThrow();
        QueryResult result = service.query(QidoQueryParser.parse(QueryLevel.INSTANCE,
                Map.of("SOPInstanceUID", List.of(yamada.sopUid()), "includefield", List.of("all"))));
        Dataset d = result.matches().get(0);
        assertThat(d.getString(Tags.PatientName)).isEqualTo(yamada.patientName());
        assertThat(d.getStrings(Tags.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
        assertThat(d.getSequence(Tags.RequestAttributesSequence)).hasSize(1);
        assertThat(d.contains(0x00291010)).as("bulk data is not stored in the index").isFalse();
        assertThat(d.getString(Tags.InstanceAvailability)).isEqualTo("ONLINE");

        QueryResult study = service.query(QidoQueryParser.parse(QueryLevel.STUDY,
                Map.of("StudyInstanceUID", List.of(yamada.studyUid()), "includefield", List.of("StudyDescription,00081030"))));
        Dataset s = study.matches().get(0);
        assertThat(s.getString(Tags.StudyDescription)).isEqualTo(yamada.studyDescription());
        assertThat(s.getString(Tags.PatientBirthDate)).isEqualTo(QueryTable.fmt(yamada.birthDate()));
        assertThat(s.contains(Tags.SOPInstanceUID)).as("no instance attributes at the study level").isFalse();
        assertThat(s.contains(Tags.Modality)).as("no series attributes at the study level").isFalse();
    }

    @Test
    void cfind_returns_exactly_the_requested_keys() {
        Row a = rows.get(0);
        Query q = CFindQueryParser.parse(QueryTable.identifier("STUDY", Tags.StudyInstanceUID, VR.UI, a.studyUid(),
                Tags.StudyDescription, VR.LO, "", Tags.PatientComments, VR.LT, "", Tags.NumberOfStudyRelatedInstances, VR.IS, ""),
                CFindQueryParser.Options.of(CFindQueryParser.InformationModel.STUDY_ROOT));
        Dataset d = service.query(q).matches().get(0);
        assertThat(d.getString(Tags.StudyDescription)).isEqualTo(a.studyDescription());
        assertThat(d.contains(Tags.PatientComments)).as("asked for, unknown: zero length").isTrue();
        assertThat(d.getString(Tags.NumberOfStudyRelatedInstances))
                .isEqualTo(Long.toString(rows.stream().filter(r -> r.studyUid().equals(a.studyUid())).count()));
        assertThat(d.contains(Tags.AccessionNumber)).as("not asked for").isFalse();
        assertThat(d.contains(Tags.ModalitiesInStudy)).isFalse();
    }

    private void assertAggregates(ElasticsearchStudyIndex target) {
        QueryPort s = QueryFeature.create(target, 1000);
        QueryResult studies = s.query(QidoQueryParser.parse(QueryLevel.STUDY, Map.of("includefield", List.of("SOPClassesInStudy"))));
        assertStudyCounts(studies.matches(), rows);
        QueryResult series = s.query(QidoQueryParser.parse(QueryLevel.SERIES, Map.of()));
        for (Dataset d : series.matches()) {
            String uid = d.getString(Tags.SeriesInstanceUID);
            assertThat(d.getString(Tags.NumberOfSeriesRelatedInstances)).as(uid)
                    .isEqualTo(Long.toString(rows.stream().filter(r -> r.seriesUid().equals(uid)).count()));
        }
        Query patients = CFindQueryParser.parse(QueryTable.identifier("PATIENT", Tags.PatientID, VR.LO, "", Tags.IssuerOfPatientID, VR.LO, "",
                Tags.NumberOfPatientRelatedStudies, VR.IS, "", Tags.NumberOfPatientRelatedSeries, VR.IS, "",
                Tags.NumberOfPatientRelatedInstances, VR.IS, ""),
                CFindQueryParser.Options.of(CFindQueryParser.InformationModel.PATIENT_ROOT));
        List<Dataset> found = s.query(patients).matches();
        assertThat(found).hasSize(8);
        for (Dataset d : found) {
            String key = Expectations.key(QueryLevel.PATIENT, d);
            List<Row> mine = rows.stream().filter(r -> r.patientKey().equals(key)).toList();
            assertThat(d.getString(Tags.NumberOfPatientRelatedStudies)).as(key)
                    .isEqualTo(Long.toString(mine.stream().map(Row::studyUid).distinct().count()));
            assertThat(d.getString(Tags.NumberOfPatientRelatedSeries)).as(key)
                    .isEqualTo(Long.toString(mine.stream().map(Row::seriesUid).distinct().count()));
            assertThat(d.getString(Tags.NumberOfPatientRelatedInstances)).as(key).isEqualTo(Long.toString(mine.size()));
        }
    }

    private static void assertStudyCounts(List<Dataset> studies, List<Row> rows) {
        assertThat(studies).isNotEmpty();
        for (Dataset d : studies) {
            String uid = d.getString(Tags.StudyInstanceUID);
            List<Row> mine = rows.stream().filter(r -> r.studyUid().equals(uid)).toList();
            assertThat(d.getString(Tags.NumberOfStudyRelatedInstances)).as(uid).isEqualTo(Long.toString(mine.size()));
            assertThat(d.getString(Tags.NumberOfStudyRelatedSeries)).as(uid)
                    .isEqualTo(Long.toString(mine.stream().map(Row::seriesUid).distinct().count()));
            assertThat(d.getStrings(Tags.ModalitiesInStudy)).as(uid)
                    .containsExactlyElementsOf(mine.stream().map(Row::modality).distinct().sorted().toList());
            if (d.contains(Tags.SOPClassesInStudy)) {
                assertThat(d.getStrings(Tags.SOPClassesInStudy)).as(uid)
                        .containsExactlyElementsOf(mine.stream().map(Row::sopClassUid).distinct().sorted().toList());
            }
        }
    }

    @Test
    void a_bulk_item_the_index_refuses_is_reported_and_the_others_are_indexed() {
        ElasticsearchStudyIndex other = newIndex();
        try {
            Row good = rows.get(0);
            ArchivedInstance bad = GeneratedArchive.toInstance(good);
            String longUid = "1." + "2".repeat(600); // _id may not exceed 512 bytes
            bad = new ArchivedInstance(new InstanceRef(good.studyUid(), good.seriesUid(), longUid), bad.patient(),
                    bad.sopClassUid(), bad.transferSyntaxUid(), bad.header(), bad.blob(), bad.receivedAt(), bad.sourceAeTitle());
            Row huge = rows.get(1);
            ArchivedInstance tooManyItems = withReferencedStudies(GeneratedArchive.toInstance(huge), 10_001);
            List<ArchivedInstance> batch = List.of(GeneratedArchive.toInstance(good), bad, tooManyItems);
            assertThatThrownBy(() -> other.index(batch)).isInstanceOfSatisfying(IndexWriteException.class,
                    e -> assertThat(e.failures()).containsOnlyKeys(longUid, huge.sopUid()));
            other.refresh();
            QueryResult result = QueryFeature.create(other, 10).query(QidoQueryParser.parse(QueryLevel.INSTANCE, Map.of()));
            assertThat(result.matches()).extracting(d -> d.getString(Tags.SOPInstanceUID)).containsExactly(good.sopUid());
        } finally {
            other.deleteIndex();
            other.close();
        }
    }

    /** The instance with a Referenced Study Sequence of {@code n} items: more nested documents than the index allows. */
    private static ArchivedInstance withReferencedStudies(ArchivedInstance instance, int n) {
        Dataset header = new Dataset();
        Dataset frozen = instance.header();
        for (int i = 0; i < frozen.size(); i++) {
            if (frozen.vrAt(i) != VR.SQ) {
                header.set(frozen.tagAt(i), frozen.vrAt(i), frozen.valueAt(i));
            }
        }
        var seq = header.newSequence(Tags.ReferencedStudySequence, n);
        for (int i = 0; i < n; i++) {
            seq.addItem().setString(Tags.ReferencedSOPInstanceUID, VR.UI, "1.2.3." + i);
        }
        return new ArchivedInstance(instance.ref(), instance.patient(), instance.sopClassUid(), instance.transferSyntaxUid(),
                header.freeze(), instance.blob(), instance.receivedAt(), instance.sourceAeTitle());
    }

    @Test
    void smoke_total_instances() {
        assertThat(index.isAvailable()).isTrue();
        QueryResult all = service.query(QidoQueryParser.parse(QueryLevel.INSTANCE, Map.of("limit", List.of("1"))));
        assertThat(all.totalMatches()).isEqualTo(rows.size());
        assertThat(all.truncated()).isTrue();
    }
}
