package org.vesalius.vna.archive.index.elasticsearch;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.elasticsearch.GeneratedArchive.Row;
import org.vesalius.vna.archive.query.QueryFeature;

/**
 * Not a test (no assertion, not run by surefire's or failsafe's name patterns): indexes a
 * generated archive of {@code vna.measure.instances} (20,000) instances into the test
 * Elasticsearch and prints p50/p95 of a few QIDO-RS searches, in process, through the
 * {@link QueryPort} as QIDO-RS calls it. Run it explicitly:
 * {@code mvn -pl vna-index-elasticsearch -am verify -Dtest=QidoLatencyMeasurement -Dvna.test.elasticsearch.url=...}.
 */
class QidoLatencyMeasurement {

    private static final String[] MODALITIES = {"CT", "MR", "US", "CR"};
    private static final String[] CLASSES = {GeneratedArchive.CT, GeneratedArchive.MR, GeneratedArchive.US, GeneratedArchive.CR};

    @Test
    void measure() {
        int instances = Integer.getInteger("vna.measure.instances", 20_000);
        int rounds = Integer.getInteger("vna.measure.rounds", 200);
        Random random = new Random(42);
        List<Row> rows = new ArrayList<>();
        int studies = instances / 20;
        for (int s = 0; s < studies; s++) {
            String patient = "P" + (s % (studies / 2 + 1));
            String study = "2.25.5000." + s;
            LocalDate date = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(6 * 365));
            LocalTime time = LocalTime.of(random.nextInt(24), random.nextInt(60));
            for (int se = 1; se <= 2; se++) {
                int m = (s + se) % MODALITIES.length;
                for (int i = 1; i <= 10; i++) {
                    rows.add(new Row(patient, "HOSP_A", null, "Name" + patient + "^Given", LocalDate.of(1960, 1, 1), "F", study,
                            date, time, "ACC" + s, "S" + s, "Ref^Doc", "DESC " + s, null, study + "." + se, MODALITIES[m], se,
                            MODALITIES[m] + " series", "RP" + s, study + "." + se + "." + i, CLASSES[m], i, 512));
                }
            }
        }
        ElasticsearchStudyIndex index = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create(TestElasticsearch.require()))
                .withNamePrefix("vna-measure-" + System.nanoTime()));
        try {
            long start = System.nanoTime();
            for (int from = 0; from < rows.size(); from += 500) {
                List<ArchivedInstance> batch = rows.subList(from, Math.min(rows.size(), from + 500)).stream()
                        .map(GeneratedArchive::toInstance).toList();
                index.index(batch);
            }
            index.refresh();
            System.out.printf("MEASURE load %d instances: %.1f s%n", rows.size(), (System.nanoTime() - start) / 1e9);
            QueryPort port = QueryFeature.create(index, 1000);
            Map<String, IntFunction<Query>> searches = new LinkedHashMap<>();
            searches.put("studies, limit 100", n -> qido(QueryLevel.STUDY, null, null, Map.of("limit", List.of("100"))));
            searches.put("studies by PatientID", n -> qido(QueryLevel.STUDY, null, null,
                    Map.of("PatientID", List.of("P" + (n % (studies / 2))))));
            searches.put("studies by AccessionNumber", n -> qido(QueryLevel.STUDY, null, null,
                    Map.of("AccessionNumber", List.of("ACC" + (n * 7 % studies)))));
            searches.put("studies, date range (a quarter)", n -> qido(QueryLevel.STUDY, null, null,
                    Map.of("StudyDate", List.of((2019 + n % 6) + "0101-" + (2019 + n % 6) + "0331"), "limit", List.of("100"))));
            searches.put("studies, ModalitiesInStudy=MR", n -> qido(QueryLevel.STUDY, null, null,
                    Map.of("ModalitiesInStudy", List.of("MR"), "limit", List.of("100"))));
            searches.put("series of a study", n -> qido(QueryLevel.SERIES, "2.25.5000." + (n * 13 % studies), null, Map.of()));
            searches.put("instances of a series", n -> qido(QueryLevel.INSTANCE, "2.25.5000." + (n * 13 % studies),
                    "2.25.5000." + (n * 13 % studies) + ".1", Map.of()));
            for (var e : searches.entrySet()) {
                for (int n = 0; n < 50; n++) {
                    port.query(e.getValue().apply(n));
                }
                long[] times = new long[rounds];
                for (int n = 0; n < rounds; n++) {
                    long t0 = System.nanoTime();
                    port.query(e.getValue().apply(n));
                    times[n] = System.nanoTime() - t0;
                }
                Arrays.sort(times);
                System.out.printf("MEASURE %-34s p50 %6.2f ms  p95 %6.2f ms%n", e.getKey(),
                        times[rounds / 2] / 1e6, times[(int) (rounds * 0.95)] / 1e6);
            }
        } finally {
            index.deleteIndex();
            index.close();
        }
    }

    private static Query qido(QueryLevel level, String study, String series, Map<String, List<String>> params) {
        return QidoQueryParser.parse(level, new QidoQueryParser.Scope(study, series), params).withTotal(false);
    }
}
