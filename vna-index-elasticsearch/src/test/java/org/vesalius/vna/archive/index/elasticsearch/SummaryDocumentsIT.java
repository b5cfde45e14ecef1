package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.index.SummaryDifference;
import org.vesalius.vna.archive.index.elasticsearch.GeneratedArchive.Row;
import org.vesalius.vna.archive.query.QueryFeature;

/**
 * The study and series summaries against a real Elasticsearch: a QIDO-RS study or series search
 * is one request (counted through a proxy), and the summaries stay right under concurrent
 * writers, removals and patient updates.
 */
class SummaryDocumentsIT {

    private final String prefix = "vna-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<ElasticsearchStudyIndex> opened = new ArrayList<>();
    private CountingProxy proxy;

    private ElasticsearchStudyIndex open(URI host, boolean refreshOnWrite) {
        ElasticsearchStudyIndex index = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(host)
                .withNamePrefix(prefix).withRefreshOnWrite(refreshOnWrite));
        opened.add(index);
        return index;
    }

    @AfterEach
    void drop() {
        if (!opened.isEmpty()) {
            opened.get(0).deleteIndex();
        }
        opened.forEach(ElasticsearchStudyIndex::close);
        if (proxy != null) {
            proxy.close();
        }
    }

    private static QueryResult qido(QueryPort port, QueryLevel level, String study, Map<String, List<String>> params) {
        return port.query(QidoQueryParser.parse(level, new QidoQueryParser.Scope(study, null), params).withTotal(false));
    }

    @Test
    void a_study_or_series_search_is_one_request() throws Exception {
        proxy = new CountingProxy(URI.create(TestElasticsearch.require()));
        ElasticsearchStudyIndex index = open(proxy.uri(), true);
        GeneratedArchive data = GeneratedArchive.generate(99, 200);
        index.index(data.instances());
        QueryPort port = QueryFeature.create(index, 1000);
        Row first = data.rows().get(0);

        List<Map<String, List<String>>> studySearches = List.of(Map.of(), Map.of("limit", List.of("5")),
                Map.of("PatientID", List.of(first.patientId())), Map.of("ModalitiesInStudy", List.of("CT")),
                Map.of("StudyDate", List.of("20190101-20221231"), "includefield", List.of("all")),
                Map.of("PatientName", List.of("Doe*"), "offset", List.of("1"), "limit", List.of("2")));
        for (Map<String, List<String>> params : studySearches) {
            proxy.reset();
            QueryResult result = qido(port, QueryLevel.STUDY, null, params);
            assertThat(result.matches()).as(params.toString()).isNotEmpty();
            assertThat(proxy.requests()).as(params.toString()).hasSize(1).allMatch(r -> r.endsWith("/_search"));
        }
        proxy.reset();
        QueryResult series = qido(port, QueryLevel.SERIES, first.studyUid(), Map.of());
        assertThat(series.matches()).isNotEmpty();
        assertThat(proxy.requests()).hasSize(1);

        // The answer is the one the instances give: every study with its counts.
        QueryResult all = qido(port, QueryLevel.STUDY, null, Map.of());
        Map<String, Long> perStudy = data.rows().stream().collect(Collectors.groupingBy(Row::studyUid, Collectors.counting()));
        assertThat(all.matches()).hasSize(perStudy.size());
        for (Dataset d : all.matches()) {
            assertThat(d.getInt(Tags.NumberOfStudyRelatedInstances, -1))
                    .isEqualTo(perStudy.get(d.getString(Tags.StudyInstanceUID)).intValue());
        }
        assertThat(all.lastUpdated()).doesNotContainNull();
    }

    @Test
    void concurrent_writers_of_one_study_lose_no_count() throws Exception {
        String url = TestElasticsearch.require();
        // Two "nodes": separate clients, neither waiting for refreshes.
        ElasticsearchStudyIndex a = open(URI.create(url), false);
        ElasticsearchStudyIndex b = open(URI.create(url), false);
        a.ensureIndex();
        Row template = GeneratedArchive.generate(7, 30).rows().get(0);
        String study = "2.25.777";
        String[] modalities = {"CT", "MR", "US", "CT"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int series = i % 4;
            rows.add(row(template, study, study + "." + (series + 1), modalities[series], series + 1,
                    study + "." + (series + 1) + "." + i, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                ElasticsearchStudyIndex writer = w % 2 == 0 ? a : b;
                int start = w;
                writes.add(pool.submit(() -> {
                    for (int from = start * 5; from < rows.size(); from += 20) { // interleaved batches of 5
                        writer.index(rows.subList(from, Math.min(rows.size(), from + 5)).stream()
                                .map(GeneratedArchive::toInstance).toList());
                    }
                }));
            }
            for (Future<?> f : writes) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        a.refresh();
        QueryPort port = QueryFeature.create(a, 1000);
        Dataset summary = qido(port, QueryLevel.STUDY, null, Map.of("StudyInstanceUID", List.of(study))).matches().get(0);
        assertThat(summary.getInt(Tags.NumberOfStudyRelatedInstances, -1)).isEqualTo(240);
        assertThat(summary.getInt(Tags.NumberOfStudyRelatedSeries, -1)).isEqualTo(4);
        assertThat(summary.getStrings(Tags.ModalitiesInStudy)).containsExactly("CT", "MR", "US");
        List<Dataset> series = qido(port, QueryLevel.SERIES, study, Map.of()).matches();
        assertThat(series).hasSize(4)
                .allSatisfy(d -> assertThat(d.getInt(Tags.NumberOfSeriesRelatedInstances, -1)).isEqualTo(60));

        // Concurrent removals of half of each series, from both writers.
        List<InstanceRef> removed = rows.stream().filter(r -> r.instanceNumber() % 2 == 0).map(GeneratedArchive::ref).toList();
        pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> one = pool.submit(() -> a.remove(removed.subList(0, removed.size() / 2)));
            Future<?> two = pool.submit(() -> b.remove(removed.subList(removed.size() / 2, removed.size())));
            one.get();
            two.get();
        } finally {
            pool.shutdownNow();
        }
        a.refresh();
        summary = qido(port, QueryLevel.STUDY, null, Map.of("StudyInstanceUID", List.of(study))).matches().get(0);
        assertThat(summary.getInt(Tags.NumberOfStudyRelatedInstances, -1)).isEqualTo(120);
        // Series 1 and 3 (CT, US) held the even instances: gone with them.
        assertThat(summary.getInt(Tags.NumberOfStudyRelatedSeries, -1)).isEqualTo(2);
        assertThat(summary.getStrings(Tags.ModalitiesInStudy)).containsExactly("CT", "MR");
        assertThat(qido(port, QueryLevel.SERIES, study, Map.of()).matches()).hasSize(2)
                .allSatisfy(d -> assertThat(d.getInt(Tags.NumberOfSeriesRelatedInstances, -1)).isEqualTo(60));
    }

    @Test
    void a_writer_that_aggregated_before_another_wrote_does_not_overwrite_it() {
        String url = TestElasticsearch.require();
        ElasticsearchStudyIndex a = open(URI.create(url), false);
        ElasticsearchStudyIndex b = open(URI.create(url), false);
        Row template = GeneratedArchive.generate(7, 30).rows().get(0);
        String study = "2.25.888";
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int series = i < 20 ? 1 : 2;
            rows.add(row(template, study, study + "." + series, series == 1 ? "CT" : "MR", series, study + "." + series + "." + i, i));
        }
        a.index(rows.subList(0, 10).stream().map(GeneratedArchive::toInstance).toList());
        // b writes ten more instances after a has aggregated its batch, before a writes its summaries.
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        a.beforeSummaryWrite(() -> {
            if (once.compareAndSet(false, true)) {
                b.index(rows.subList(10, 20).stream().map(GeneratedArchive::toInstance).toList());
            }
        });
        a.index(rows.subList(20, 30).stream().map(GeneratedArchive::toInstance).toList());
        assertThat(once).isTrue();
        a.refresh();
        QueryPort port = QueryFeature.create(a, 1000);
        Dataset summary = qido(port, QueryLevel.STUDY, null, Map.of("StudyInstanceUID", List.of(study))).matches().get(0);
        assertThat(summary.getInt(Tags.NumberOfStudyRelatedInstances, -1)).isEqualTo(30);
        assertThat(qido(port, QueryLevel.SERIES, study, Map.of()).matches())
                .extracting(d -> d.getInt(Tags.NumberOfSeriesRelatedInstances, -1)).containsExactly(20, 10);
    }

    @Test
    void removals_and_patient_updates_reach_the_summaries() {
        ElasticsearchStudyIndex index = open(URI.create(TestElasticsearch.require()), true);
        GeneratedArchive data = GeneratedArchive.generate(3, 60);
        index.index(data.instances());
        QueryPort port = QueryFeature.create(index, 1000);
        Row first = data.rows().get(0);
        List<Row> ofStudy = data.rows().stream().filter(r -> r.studyUid().equals(first.studyUid())).toList();

        // A patient update re-indexes the study's instances under the new name.
        index.index(ofStudy.stream().map(r -> row(r, "Renamed^Patient")).map(GeneratedArchive::toInstance).toList());
        assertThat(qido(port, QueryLevel.STUDY, null, Map.of("PatientName", List.of("Renamed*"))).matches())
                .extracting(d -> d.getString(Tags.StudyInstanceUID)).containsExactly(first.studyUid());
        assertThat(qido(port, QueryLevel.SERIES, null, Map.of("PatientName", List.of("Renamed*"))).matches())
                .hasSize((int) ofStudy.stream().map(Row::seriesUid).distinct().count());
        assertThat(qido(port, QueryLevel.STUDY, null, Map.of("StudyInstanceUID", List.of(first.studyUid()),
                "PatientName", List.of(first.patientName()))).matches()).isEmpty();

        // Removing every instance removes the study's summaries too.
        index.remove(ofStudy.stream().map(GeneratedArchive::ref).toList());
        assertThat(qido(port, QueryLevel.STUDY, null, Map.of("StudyInstanceUID", List.of(first.studyUid()))).matches()).isEmpty();
        assertThat(qido(port, QueryLevel.SERIES, first.studyUid(), Map.of()).matches()).isEmpty();
        long studies = data.rows().stream().map(Row::studyUid).distinct().count();
        assertThat(qido(port, QueryLevel.STUDY, null, Map.of()).matches()).hasSize((int) studies - 1);
    }

    @Test
    void an_entity_matches_when_any_of_its_instances_does() {
        ElasticsearchStudyIndex index = open(URI.create(TestElasticsearch.require()), true);
        Row template = GeneratedArchive.generate(7, 30).rows().get(0);
        String study = "2.25.999";
        // One series, two instances that disagree on Modality and Series Description (as shared samples do).
        Row ct = row(template, study, study + ".1", "CT", 1, study + ".1.1", 1);
        Row ot = row(template, study, study + ".1", "OT", 1, study + ".1.2", 2);
        index.index(List.of(GeneratedArchive.toInstance(ct), GeneratedArchive.toInstance(ot)));
        QueryPort port = QueryFeature.create(index, 1000);
        for (String modality : List.of("CT", "OT", "C*", "O?")) {
            assertThat(qido(port, QueryLevel.SERIES, null, Map.of("Modality", List.of(modality))).matches()).as(modality)
                    .extracting(d -> d.getString(Tags.SeriesInstanceUID)).containsExactly(study + ".1");
            assertThat(qido(port, QueryLevel.STUDY, null, Map.of("ModalitiesInStudy", List.of(modality))).matches()).as(modality)
                    .extracting(d -> d.getString(Tags.StudyInstanceUID)).containsExactly(study);
        }
        assertThat(qido(port, QueryLevel.SERIES, null, Map.of("Modality", List.of("MR"))).matches()).isEmpty();
        // Returned as its first instance in the default order (the lowest SOP Instance UID here).
        assertThat(qido(port, QueryLevel.SERIES, study, Map.of()).matches().get(0).getString(Tags.Modality)).isEqualTo("CT");
    }

    @Test
    void a_later_instance_never_relabels_its_study_or_series() {
        ElasticsearchStudyIndex index = open(URI.create(TestElasticsearch.require()), true);
        Row template = GeneratedArchive.generate(11, 30).rows().get(0);
        String study = "2.25.888";
        Row first = row(template, study, study + ".1", "CT", 1, study + ".1.9", 1);
        // Received later, another patient's name and ID, and a lower SOP Instance UID (the old rule's pick).
        Row intruder = new Row("INTRUDER", template.issuer(), template.universalEntityId(), "Intruder^Mallory",
                template.birthDate(), template.sex(), study, template.studyDate(), template.studyTime(), template.accession(),
                template.studyId(), template.referringPhysician(), "Relabelled", null, study + ".1", "CT", 1, "Relabelled series",
                template.requestedProcedureId(), study + ".1.1", template.sopClassUid(), 2, template.rows());
        index.index(List.of(GeneratedArchive.toInstance(first)));
        index.index(List.of(receivedAt(GeneratedArchive.toInstance(intruder), java.time.Instant.parse("2025-06-01T00:00:00Z"))));
        QueryPort port = QueryFeature.create(index, 1000);

        Dataset studyRow = qido(port, QueryLevel.STUDY, null, Map.of("StudyInstanceUID", List.of(study))).matches().get(0);
        assertThat(studyRow.getString(Tags.PatientName)).isEqualTo(first.patientName());
        assertThat(studyRow.getString(Tags.PatientID)).isEqualTo(first.patientId());
        assertThat(studyRow.getInt(Tags.NumberOfStudyRelatedInstances, 0)).isEqualTo(2);
        Dataset seriesRow = qido(port, QueryLevel.SERIES, study, Map.of()).matches().get(0);
        assertThat(seriesRow.getString(Tags.PatientName)).isEqualTo(first.patientName());
        assertThat(seriesRow.getString(Tags.SeriesDescription)).isEqualTo(first.seriesDescription());
    }

    private static org.vesalius.vna.archive.api.ArchivedInstance receivedAt(org.vesalius.vna.archive.api.ArchivedInstance i,
            java.time.Instant at) {
        return new org.vesalius.vna.archive.api.ArchivedInstance(i.ref(), i.patient(), i.sopClassUid(), i.transferSyntaxUid(),
                i.header(), i.blob(), at, i.sourceAeTitle());
    }

    @Test
    void verify_reports_a_summary_that_disagrees_with_its_instances() throws Exception {
        String url = TestElasticsearch.require();
        ElasticsearchStudyIndex index = open(URI.create(url), true);
        GeneratedArchive data = GeneratedArchive.generate(5, 60);
        index.index(data.instances());
        List<SummaryDifference> found = new ArrayList<>();
        long studies = index.compareSummaries(found::add);
        assertThat(studies).isEqualTo(data.rows().stream().map(Row::studyUid).distinct().count());
        assertThat(found).isEmpty();

        List<String> uids = data.rows().stream().map(Row::studyUid).distinct().sorted().toList();
        String alias = url + "/" + prefix + "-instances";
        HttpClient http = HttpClient.newHttpClient();
        // One count changed, one summary deleted, one summary of a study without instances.
        ObjectNode doc = (ObjectNode) JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(alias + "/_doc/study:" + uids.get(0)))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("_source");
        ((ObjectNode) doc.path("vna").path("dataset").path("00201208")).putArray("Value").add(999);
        put(http, alias + "/_doc/study:" + uids.get(0) + "?refresh=true", doc.toString());
        http.send(HttpRequest.newBuilder(URI.create(alias + "/_doc/series:" + data.rows().get(0).seriesUid() + "?refresh=true"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        doc.set("StudyInstanceUID", JSON.createArrayNode().add("2.25.404"));
        put(http, alias + "/_doc/study:2.25.404?refresh=true", doc.toString());

        index.compareSummaries(found::add);
        assertThat(found).extracting(d -> d.id() + " " + d.kind() + " " + d.fields()).containsExactlyInAnyOrder(
                "study:" + uids.get(0) + " DIFFERS [vna.dataset.00201208]",
                "series:" + data.rows().get(0).seriesUid() + " MISSING []",
                "study:2.25.404 ORPHANED []");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void put(HttpClient http, String uri, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    private static Row row(Row t, String study, String series, String modality, int seriesNumber, String sop, int number) {
        return new Row(t.patientId(), t.issuer(), t.universalEntityId(), t.patientName(), t.birthDate(), t.sex(), study,
                t.studyDate(), t.studyTime(), t.accession(), t.studyId(), t.referringPhysician(), t.studyDescription(), null,
                series, modality, seriesNumber, modality + " series", t.requestedProcedureId(), sop, t.sopClassUid(), number,
                t.rows());
    }

    private static Row row(Row t, String patientName) {
        return new Row(t.patientId(), t.issuer(), t.universalEntityId(), patientName, t.birthDate(), t.sex(), t.studyUid(),
                t.studyDate(), t.studyTime(), t.accession(), t.studyId(), t.referringPhysician(), t.studyDescription(),
                t.referencedStudyUid(), t.seriesUid(), t.modality(), t.seriesNumber(), t.seriesDescription(),
                t.requestedProcedureId(), t.sopUid(), t.sopClassUid(), t.instanceNumber(), t.rows());
    }
}
