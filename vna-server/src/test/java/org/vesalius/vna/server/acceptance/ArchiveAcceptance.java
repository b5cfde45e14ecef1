package org.vesalius.vna.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.vna.server.dimse.DicomListener;
import org.vesalius.testsupport.peers.TestElasticsearch;

/**
 * The archive's acceptance over real components: the generated data set and the shared samples
 * are loaded into a server backed by the real Elasticsearch of {@code ./vna test}, then every row
 * of the {@link QueryTable} is asked through QIDO-RS (and, by subclasses that load over DIMSE,
 * through dcmtk's findscu) and must return exactly the expected entities; every study and series
 * must carry exactly the expected counts. Subclasses choose how the data arrive (C-STORE from
 * dcmtk's storescu, or STOW-RS) and which blob store holds it; equal answers to one table are
 * how "the same index state" is shown. Skipped without the test Elasticsearch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ArchiveAcceptance {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final String DEFAULT_ISSUER = "HOSP_DEFAULT";
    static final String CALLING_AE = "ACCEPTANCE";

    @LocalServerPort
    int httpPort;

    @Autowired
    DicomListener listener;

    /** What was loaded and accepted, as the index should hold it. */
    final List<Row> rows = new ArrayList<>();
    QueryTable table;
    QueryClients.Qido qido;
    Path work;

    /** The common server settings: a temporary store root, the test index under its own prefix, the default issuers. */
    static String configure(DynamicPropertyRegistry registry, String name) {
        String prefix = "vnaacc-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        registry.add("vna.dicom.port", () -> "0");
        registry.add("vna.elasticsearch.url", () -> ES.isBlank() ? "http://127.0.0.1:9" : ES);
        registry.add("vna.elasticsearch.index-prefix", () -> prefix);
        registry.add("vna.ingest.default-issuer.by-calling-ae.[" + CALLING_AE + "]", () -> DEFAULT_ISSUER);
        registry.add("vna.ingest.default-issuer.by-stow-client.[127.0.0.1]", () -> DEFAULT_ISSUER);
        return prefix;
    }

    /** Loads {@code files}; returns the SOP Instance UIDs the archive accepted. */
    abstract Set<String> load(List<Path> files) throws Exception;

    /** The index prefix of this class's server. */
    abstract String indexPrefix();

    @BeforeAll
    void loadEverything() throws Exception {
        TestElasticsearch.require();
        work = Files.createTempDirectory("vna-acceptance-");
        qido = new QueryClients.Qido("http://127.0.0.1:" + httpPort + "/dicomweb");
        AcceptanceData.Generated generated = AcceptanceData.generated();
        List<Path> generatedFiles = generated.entries().stream().map(generated::file).toList();
        Set<String> accepted = load(generatedFiles);
        for (SyntheticManifest.Entry e : generated.entries()) {
            assertThat(accepted).as("generated instance %s accepted", e.file()).contains(e.sopInstanceUid());
            rows.add(Row.of(e, DEFAULT_ISSUER));
        }
        List<AcceptanceData.Sample> samples = AcceptanceData.samples();
        Set<String> acceptedSamples = load(samples.stream().map(AcceptanceData.Sample::file).toList());
        int n = 0;
        for (AcceptanceData.Sample s : samples) {
            if (acceptedSamples.contains(s.sopInstanceUid())) {
                rows.add(Row.of(header(s.file()), DEFAULT_ISSUER));
                n++;
            }
        }
        if (!samples.isEmpty()) {
            assertThat(n).as("samples accepted of %d", samples.size()).isGreaterThan(samples.size() / 2);
        }
        table = new QueryTable(rows, DEFAULT_ISSUER);
        awaitSearchable(rows.size());
    }

    @AfterAll
    void dropIndex() throws Exception {
        if (!ES.isBlank()) {
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create(ES + "/" + indexPrefix() + "-instances*")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(URI.create(ES + "/_index_template/" + indexPrefix() + "-instances-template"))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfTheQueryTableByQidoRs() {
        return table.cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            assertThat(c.expected()).as("the table row %s selects something", c).isNotNull();
            assertThat(qido.uids(c)).as(c + " " + QueryClients.Qido.query(c.keys())).isEqualTo(c.expected());
        }));
    }

    @Test
    void everyStudyAndSeriesCarriesExactlyTheExpectedCounts() {
        Map<String, int[]> expected = table.studyCounts();
        Map<String, String> got = new TreeMap<>();
        for (Dataset d : qido.search("STUDY", "includefield=NumberOfStudyRelatedSeries,NumberOfStudyRelatedInstances")) {
            got.put(d.getString(Tags.StudyInstanceUID), d.getString(Tags.NumberOfStudyRelatedSeries) + "/"
                    + d.getString(Tags.NumberOfStudyRelatedInstances));
        }
        Map<String, String> want = new TreeMap<>();
        expected.forEach((study, counts) -> want.put(study, counts[0] + "/" + counts[1]));
        assertThat(got).isEqualTo(want);

        Map<String, Long> seriesWant = new TreeMap<>();
        rows.forEach(r -> seriesWant.merge(r.series(), 1L, Long::sum));
        Map<String, Long> seriesGot = new TreeMap<>();
        for (Dataset d : qido.search("SERIES", "includefield=NumberOfSeriesRelatedInstances")) {
            seriesGot.put(d.getString(Tags.SeriesInstanceUID), Long.parseLong(d.getString(Tags.NumberOfSeriesRelatedInstances)));
        }
        assertThat(seriesGot).isEqualTo(seriesWant);
        Set<String> instances = new TreeSet<>();
        qido.search("IMAGE", "").forEach(d -> instances.add(d.getString(Tags.SOPInstanceUID)));
        assertThat(instances).hasSize(rows.size());
    }

    /**
     * Waits (bounded, no timing assertion beyond the bound) until the index shows every loaded
     * instance, and the study and series summaries count them all (they are written after their
     * instances and become visible with the next refresh).
     */
    void awaitSearchable(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        long seen = -1;
        long inSeries = -1;
        long inStudies = -1;
        while (System.nanoTime() < deadline) {
            seen = qido.search("IMAGE", "includefield=SOPInstanceUID").size();
            if (seen >= expected) {
                inSeries = counted("SERIES", Tags.NumberOfSeriesRelatedInstances);
                inStudies = counted("STUDY", Tags.NumberOfStudyRelatedInstances);
                if (inSeries >= expected && inStudies >= expected) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("after 120 s: " + seen + " of " + expected + " instances searchable, " + inSeries
                + " counted by series, " + inStudies + " by studies");
    }

    private long counted(String level, int countTag) {
        return qido.search(level, "includefield=" + String.format("%08X", countTag)).stream()
                .mapToLong(d -> Long.parseLong(d.getString(countTag, "0"))).sum();
    }

    static Dataset header(Path file) throws IOException {
        try (DicomStreamReader r = DicomStreamReader.open(file, ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            return DatasetBuilder.build(r, new Dataset());
        }
    }
}
