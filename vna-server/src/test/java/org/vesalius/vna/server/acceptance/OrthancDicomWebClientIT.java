package org.vesalius.vna.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.testsupport.peers.OrthancConfig;
import org.vesalius.testsupport.peers.OrthancProcess;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;
import org.vesalius.vna.archive.dicomweb.MediaType;
import org.vesalius.vna.archive.dicomweb.MultipartReader;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.Prerequisites;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * Orthanc's DICOMweb client against our DICOMweb server: Orthanc (Debian {@code orthanc} with the
 * {@code orthanc-dicomweb} plugin) is started as a plain process with our {@code /dicomweb/} as its
 * DICOMweb server {@code vesalius}. Some shared samples and a small generated data set are stored
 * by STOW-RS; Orthanc's QIDO-RS client ({@code POST /dicom-web/servers/vesalius/qido}, Uri
 * {@code /studies}) must list exactly our studies, and after its WADO-RS client retrieved one
 * study ({@code POST /dicom-web/servers/vesalius/retrieve}) every instance Orthanc then holds must
 * have the data set bytes that we were sent, and must be exactly the instances of that study.
 * Skipped without Orthanc and its DICOMweb plugin, the test Elasticsearch or {@code ../shared}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrthancDicomWebClientIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final String PREFIX = "vnaorthweb-" + UUID.randomUUID().toString().substring(0, 8);
    /** Shared samples stored (the smallest, one per transfer syntax and SOP Class first); kept small to stay quick. */
    static final int SAMPLES = 24;
    /** Instances of the generated data set (a few studies of several series). */
    static final int GENERATED = 40;
    static final Path PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("vna.storage.fs.root", BLOB_ROOT::toString);
        registry.add("vna.ingest.log.directory", () -> BLOB_ROOT + "-ingest-log");
        registry.add("vna.dicom.port", () -> "0");
        registry.add("vna.elasticsearch.url", () -> ES.isBlank() ? "http://127.0.0.1:9" : ES);
        registry.add("vna.elasticsearch.index-prefix", () -> PREFIX);
        // An access log with the Accept header, to see what Orthanc's client asks us for.
        registry.add("server.tomcat.accesslog.enabled", () -> "true");
        registry.add("server.tomcat.accesslog.directory", () -> ACCESS_LOG.toString());
        registry.add("server.tomcat.accesslog.prefix", () -> "access");
        registry.add("server.tomcat.accesslog.suffix", () -> ".log");
        registry.add("server.tomcat.accesslog.file-date-format", () -> "");
        registry.add("server.tomcat.accesslog.buffered", () -> "false");
        registry.add("server.tomcat.accesslog.pattern", () -> "%m %U%q|%{Accept}i|%s");
    }

    static final Path ACCESS_LOG = tempDir("vna-orthanc-web-access-");
    static final Path BLOB_ROOT = tempDir("vna-orthanc-web-it-");

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    private OrthancProcess orthanc;
    private Path generated;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void cleanUp() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
        if (!ES.isBlank()) {
            TestIndexes.drop(ES, PREFIX);
        }
        deleteTree(ACCESS_LOG);
        deleteTree(BLOB_ROOT);
        if (generated != null) {
            deleteTree(generated);
        }
    }

    @Test
    void orthancQueriesOurStudiesAndRetrievesOneByteForByte() throws Exception {
        TestElasticsearch.require();
        OrthancProcess.require();
        Prerequisites.require("Orthanc's DICOMweb plugin", Files.isRegularFile(PLUGIN), "Debian package orthanc-dicomweb");
        SharedSamples.require(s -> true);
        List<AcceptanceData.Sample> samples = pick(AcceptanceData.samples());

        // What we are sent: the shared samples and a small generated data set, by STOW-RS.
        generated = Files.createTempDirectory("vna-orthanc-web-gen-");
        SyntheticDataSet.generate(generated.resolve("set"), new SyntheticOptions(GENERATED, 20_261_128L,
                SyntheticOptions.DEFAULT_MATRIX));
        List<SyntheticManifest.Entry> entries = SyntheticManifest.read(generated.resolve("set"));
        Map<String, Path> files = new HashMap<>();          // SOP Instance UID -> the file sent
        Map<String, String> studyOf = new HashMap<>();      // SOP Instance UID -> Study Instance UID
        Map<String, String> seriesOf = new HashMap<>();     // SOP Instance UID -> Series Instance UID
        for (AcceptanceData.Sample s : samples) {
            files.put(s.sopInstanceUid(), s.file());
            studyOf.put(s.sopInstanceUid(), s.studyInstanceUid());
            seriesOf.put(s.sopInstanceUid(), s.seriesInstanceUid());
        }
        for (SyntheticManifest.Entry e : entries) {
            files.put(e.sopInstanceUid(), generated.resolve("set").resolve(e.file()));
            studyOf.put(e.sopInstanceUid(), e.studyInstanceUid());
            seriesOf.put(e.sopInstanceUid(), e.seriesInstanceUid());
        }
        Set<String> accepted = StowAcceptanceIT.sendByStow(port, List.copyOf(files.values()));
        assertThat(accepted).as("instances stored").containsExactlyInAnyOrderElementsOf(files.keySet());
        Set<String> ourStudies = new TreeSet<>(studyOf.values());
        awaitSearchable(ourStudies);

        orthanc = OrthancProcess.start(OrthancConfig.builder()
                .option("Plugins", List.of(PLUGIN.toString()))
                .option("DicomWeb", Map.of("Enable", true, "Root", "/dicom-web/",
                        "Servers", Map.of("vesalius", List.of("http://127.0.0.1:" + port + "/dicomweb/"))))
                .build());

        // Which samples Orthanc itself can read (its own POST /instances); it then starts empty again.
        Set<String> unreadable = new TreeSet<>();
        for (AcceptanceData.Sample s : samples) {
            try {
                orthanc.upload(s.file());
            } catch (IOException e) {
                unreadable.add(s.studyInstanceUid());
                System.out.println("Orthanc cannot read " + s.file() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        orthanc.deleteAll();

        // QIDO-RS through Orthanc: exactly our studies.
        JsonNode found = orthanc.postJson("/dicom-web/servers/vesalius/qido", Map.of("Uri", "/studies",
                "Arguments", Map.of("limit", "1000")));
        Set<String> listed = new TreeSet<>();
        // Orthanc answers in its own JSON, not DICOM JSON: {"0020000D": {"Name": ..., "vr": "UI", "Value": "1.2..."}}
        found.forEach(study -> listed.add(study.path("0020000D").path("Value").asText()));
        assertThat(found.size()).as("studies listed by Orthanc's QIDO-RS client").isEqualTo(ourStudies.size());
        assertThat(listed).isEqualTo(ourStudies);

        // WADO-RS retrieve through Orthanc: the generated study with the most instances.
        String study = entries.stream().collect(Collectors.groupingBy(SyntheticManifest.Entry::studyInstanceUid,
                Collectors.counting())).entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        Set<String> expected = studyOf.entrySet().stream().filter(e -> e.getValue().equals(study)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        JsonNode retrieved = orthanc.postJson("/dicom-web/servers/vesalius/retrieve",
                Map.of("Resources", List.of(Map.of("Study", study))));
        assertThat(retrieved.path("ReceivedInstancesCount").asText()).isEqualTo(String.valueOf(expected.size()));
        List<String> asked = accessLog().stream().filter(l -> l.startsWith("GET /dicomweb/studies/" + study + "|")).toList();
        assertThat(asked).as("Orthanc's WADO-RS request for the study").hasSize(1);
        System.out.println("Orthanc's WADO-RS request: " + asked.get(0));
        assertThat(asked.get(0)).as("Orthanc asks for the stored syntax").contains("transfer-syntax=*").endsWith("|200");

        Map<String, byte[]> held = heldByOrthanc();
        assertThat(held.keySet()).as("instances Orthanc holds after the retrieve").isEqualTo(expected);
        for (String sop : expected) {
            byte[] sent = dataSetOf(Files.readAllBytes(files.get(sop)));
            assertThat(held.get(sop)).as("%s (%s) as Orthanc holds it", sop, files.get(sop)).isEqualTo(sent);
            assertThat(held.get(sop)).as("%s as our WADO-RS serves it", sop).isEqualTo(dataSetOf(wadoRs(study, seriesOf.get(sop), sop)));
        }
        int first = expected.size();

        // Then the studies of the samples too, in one retrieve: every transfer syntax among them. Orthanc fails
        // the whole retrieve (500) on one instance it cannot parse, so studies with such a sample are left out.
        List<AcceptanceData.Sample> readable = samples.stream().filter(s -> !unreadable.contains(s.studyInstanceUid())).toList();
        Set<String> sampleStudies = readable.stream().map(AcceptanceData.Sample::studyInstanceUid)
                .collect(Collectors.toCollection(TreeSet::new));
        try {
            retrieved = orthanc.postJson("/dicom-web/servers/vesalius/retrieve", Map.of("Resources",
                    sampleStudies.stream().map(s -> Map.of("Study", s)).toList()));
        } catch (IOException e) {
            System.out.println(orthanc.logTail(40));
            accessLog().forEach(System.out::println);
            throw e;
        }
        Set<String> all = new TreeSet<>(expected);
        readable.forEach(s -> all.add(s.sopInstanceUid()));
        held = heldByOrthanc();
        assertThat(held.keySet()).as("instances Orthanc holds after the second retrieve").isEqualTo(all);
        Set<String> syntaxes = new TreeSet<>();
        for (AcceptanceData.Sample s : readable) {
            byte[] sent = dataSetOf(Files.readAllBytes(s.file()));
            assertThat(held.get(s.sopInstanceUid())).as("%s as Orthanc holds it", s.file()).isEqualTo(sent);
            syntaxes.add(syntax(s.file()));
        }
        System.out.printf("Orthanc DICOMweb client: %d instances stored (%d samples, %d generated) in %d studies; "
                + "QIDO-RS through Orthanc listed %d studies; retrieved study %s: %d instances, byte-identical; "
                + "then the %d sample studies Orthanc can read: %d instances in %d transfer syntaxes, byte-identical "
                + "(%d studies left out: Orthanc cannot parse a sample of theirs)%n",
                files.size(), samples.size(), entries.size(), ourStudies.size(), listed.size(), study, first,
                sampleStudies.size(), readable.size(), syntaxes.size(), unreadable.size());
    }

    private static List<String> accessLog() throws IOException {
        try (var logs = Files.list(ACCESS_LOG)) {
            List<String> lines = new ArrayList<>();
            for (Path p : logs.toList()) {
                lines.addAll(Files.readAllLines(p, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return lines;
        }
    }

    /** Up to {@link #SAMPLES} small samples, one per (transfer syntax, SOP Class) first. */
    private static List<AcceptanceData.Sample> pick(List<AcceptanceData.Sample> all) throws IOException {
        List<AcceptanceData.Sample> bySize = new ArrayList<>(all);
        Map<AcceptanceData.Sample, Long> size = new HashMap<>();
        for (AcceptanceData.Sample s : all) {
            size.put(s, Files.size(s.file()));
        }
        bySize.removeIf(s -> size.get(s) > 2_000_000);
        bySize.sort(Comparator.comparing((AcceptanceData.Sample s) -> size.get(s)).thenComparing(s -> s.file().toString()));
        List<AcceptanceData.Sample> out = new ArrayList<>();
        Set<String> kinds = new TreeSet<>();
        for (AcceptanceData.Sample s : bySize) {
            if (out.size() < SAMPLES && kinds.add(syntax(s.file()) + " " + s.modality())) {
                out.add(s);
            }
        }
        return out;
    }

    private static String syntax(Path file) throws IOException {
        try (DicomStreamReader r = DicomStreamReader.open(file, ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            DatasetBuilder.build(r, new Dataset());
            return r.transferSyntax().uid();
        }
    }

    private void awaitSearchable(Set<String> studies) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/dicomweb/studies?limit=1000&includefield=0020000D")).header("Accept", "application/dicom+json").build(),
                    HttpResponse.BodyHandlers.ofString());
            int n = r.statusCode() == 200 ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).size() : 0;
            if (n >= studies.size()) {
                return;
            }
            assertThat(System.nanoTime()).as("studies searchable within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** An instance through our WADO-RS in the syntax it was stored in: the part's bytes. */
    private byte[] wadoRs(String study, String series, String sop) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/dicomweb/studies/" + study + "/series/" + series + "/instances/" + sop)).header("Accept", WadoAcceptanceIT.ANY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        String type = r.headers().firstValue("Content-Type").orElse("");
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(r.body()),
                MediaType.parse(type).orElseThrow().parameter("boundary").orElseThrow());
        List<byte[]> parts = new ArrayList<>();
        for (MultipartReader.Part p = reader.next(); p != null; p = reader.next()) {
            parts.add(p.content().readAllBytes());
        }
        assertThat(parts).hasSize(1);
        return parts.get(0);
    }

    /** Every instance Orthanc holds: its data set bytes (the stored file after its File Meta), by SOP Instance UID. */
    private Map<String, byte[]> heldByOrthanc() throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        List<String> ids = new ArrayList<>();
        orthanc.getJson("/instances").forEach((JsonNode id) -> ids.add(id.asText()));
        for (String id : ids) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(orthanc.httpUrl() + "/instances/" + id + "/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            out.put(sopInstanceUid(r.body()), dataSetOf(r.body()));
        }
        return out;
    }

    private static String sopInstanceUid(byte[] part10) throws IOException {
        try (DicomStreamReader r = DicomStreamReader.open(new ByteArrayInputStream(part10),
                ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            return DatasetBuilder.build(r, new Dataset()).getString(Tags.SOPInstanceUID, "");
        }
    }

    /** The data set of a Part 10 file: what follows its File Meta group (preamble and group 0002 dropped). */
    static byte[] dataSetOf(byte[] part10) {
        return WadoAcceptanceIT.dataSet(part10);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
