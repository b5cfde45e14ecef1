package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.vna.archive.dicomweb.MediaType;
import org.vesalius.vna.archive.dicomweb.MultipartReader;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.dimse.SampleArchive.Stored;

/**
 * One retrieve path, seen from real peers: for each scope (study, series, instances of a series,
 * patient) WADO-RS, C-MOVE to dcmtk's {@code storescp} and C-GET by dcmtk's {@code getscu} deliver
 * the same set of instances (the archive resolves every scope by one call). And C-MOVE and C-GET
 * transcode as WADO-RS does: a JPEG-stored instance moved to a {@code storescp} that accepts
 * Explicit VR Little Endian only, and fetched by a {@code getscu} that proposes native syntaxes
 * only, arrives decoded, readable by {@code dcmdump}, with the pixel values of the WADO-RS native
 * answer. The patient row needs the test Elasticsearch ({@code vna.test.elasticsearch.url}).
 * Skipped without dcmtk or the shared samples, unless {@code CI} is set: then it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneRetrievePathIT {

    private static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    private static final String PREFIX = "vnait-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    /** storescp +xa: takes every syntax it knows. */
    private static final int DEST = Dcmtk.freePort();
    /** storescp with a profile of Explicit VR Little Endian only. */
    private static final int EXPLICIT_ONLY = Dcmtk.freePort();
    private static final String ANY = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
        registry.add("vna.dicom.destinations.DEST", () -> "127.0.0.1:" + DEST);
        registry.add("vna.dicom.destinations.EXPLICIT", () -> "127.0.0.1:" + EXPLICIT_ONLY);
        if (!ES.isBlank()) {
            registry.add("vna.elasticsearch.url", () -> ES);
            registry.add("vna.elasticsearch.index-prefix", () -> PREFIX);
        }
    }

    @LocalServerPort
    int httpPort;
    @Autowired
    DicomListener listener;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Dcmtk.Scp> scps = new ArrayList<>();
    private Path work;
    private SampleArchive archive;
    private Set<String> getscuClasses;

    /** One row of the table: a scope as movescu/getscu keys, the WADO-RS paths that cover it, the instances it names. */
    record Row(String name, String model, List<String> keys, List<String> wadoPaths, Set<String> expected) {
    }

    @BeforeAll
    void storeTheSamples() throws Exception {
        boolean ready = !CStoreScpDcmtkIT.samples().isEmpty() && Dcmtk.available("storescu", "storescp", "movescu", "getscu", "dcmdump");
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(ready).as("CI needs dcmtk and ../shared (-Dvna.shared)").isTrue();
        }
        assumeTrue(ready, "needs dcmtk and ../shared");
        work = Files.createTempDirectory("vna-one-retrieve-it");
        archive = SampleArchive.load(listener.port(), "VESALIUS", work);
        scps.add(Dcmtk.start(work.resolve("dest.log"), DEST, "storescp", "-aet", "DEST", "-od",
                Files.createDirectories(work.resolve("dest")).toString(), "+B", "-F", "+xa"));
        String out = Dcmtk.run(listener.port(), "getscu", "-v", "+v", "-S", "-aet", "GETSCU", "-aec", "VESALIUS", "-od",
                work.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3.4.5.6.7.8.9.0").output();
        getscuClasses = RetrieveScpDcmtkIT.proposedStorageClasses(out);
        assertThat(getscuClasses).as(out).hasSizeGreaterThan(50);
    }

    @AfterAll
    void stop() throws Exception {
        for (Dcmtk.Scp scp : scps) {
            scp.close();
        }
        if (!ES.isBlank()) {
            http.send(HttpRequest.newBuilder(URI.create(ES + "/" + PREFIX + "-instances-v2")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(URI.create(ES + "/_index_template/" + PREFIX + "-instances-template")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void everyScopeDeliversTheSameInstancesThroughWadoRsCMoveAndCGet() throws Exception {
        List<Row> rows = rows();
        assertThat(rows).extracting(Row::name).contains("study", "series", "instances");
        for (Row row : rows) {
            Set<String> wado = new LinkedHashSet<>();
            for (String path : row.wadoPaths()) {
                wado.addAll(wadoRs(path, ANY).keySet());
            }
            Set<String> move = move(row);
            Set<String> get = get(row, Files.createDirectories(work.resolve("get-" + row.name())));
            System.out.printf("%-9s %3d instances: WADO-RS %d, C-MOVE %d, C-GET %d%n", row.name(), row.expected().size(), wado.size(),
                    move.size(), get.size());
            assertThat(wado).as("WADO-RS, %s", row.name()).containsExactlyInAnyOrderElementsOf(row.expected());
            assertThat(move).as("C-MOVE, %s", row.name()).containsExactlyInAnyOrderElementsOf(row.expected());
            assertThat(get).as("C-GET, %s", row.name()).containsExactlyInAnyOrderElementsOf(row.expected());
        }
    }

    /**
     * A JPEG Baseline instance, moved to a storescp that accepts Explicit VR Little Endian only and
     * fetched by a getscu that proposes native syntaxes only: it arrives decoded, dcmdump reads
     * it, and its pixel values are those of WADO-RS's Explicit VR Little Endian answer.
     */
    @Test
    void aJpegStoredInstanceArrivesDecodedAtANativeOnlyReceiver() throws Exception {
        Stored jpeg = archive.deliverable().stream().filter(s -> s.transferSyntaxUid().equals(JPEG_BASELINE))
                .filter(s -> getscuClasses.contains(s.sopClassUid())).filter(Stored::nativeAvailable).findFirst().orElseThrow();
        Path cfg = work.resolve("explicit-only.cfg");
        Files.writeString(cfg, """
                [[TransferSyntaxes]]
                [ELE]
                TransferSyntax1 = %s
                [[PresentationContexts]]
                [PC]
                PresentationContext1 = %s\\ELE
                [[Profiles]]
                [ExplicitOnly]
                PresentationContexts = PC
                """.formatted(EXPLICIT_LE, jpeg.sopClassUid()));
        Path into = Files.createDirectories(work.resolve("explicit-only"));
        try (Dcmtk.Scp scp = Dcmtk.start(work.resolve("explicit-only.log"), EXPLICIT_ONLY, "storescp", "-aet", "EXPLICIT",
                "-xf", cfg.toString(), "ExplicitOnly", "-od", into.toString())) {
            String out = Dcmtk.run(listener.port(), "movescu", "-v", "-S", "-aet", "MOVESCU", "-aec", "VESALIUS", "-aem", "EXPLICIT",
                    "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + jpeg.studyUid(),
                    "-k", "SeriesInstanceUID=" + jpeg.seriesUid(), "-k", "SOPInstanceUID=" + jpeg.sopInstanceUid()).output();
            assertThat(SampleArchive.received(into)).as(out + Files.readString(scp.log())).containsOnlyKeys(jpeg.sopInstanceUid());
        }
        Path getInto = Files.createDirectories(work.resolve("get-native"));
        String getOut = Dcmtk.run(listener.port(), "getscu", "-v", "-S", "-aet", "GETSCU", "-aec", "VESALIUS", "+xe", "-od",
                getInto.toString(), "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + jpeg.studyUid(),
                "-k", "SeriesInstanceUID=" + jpeg.seriesUid(), "-k", "SOPInstanceUID=" + jpeg.sopInstanceUid()).output();
        assertThat(SampleArchive.received(getInto)).as(getOut).containsOnlyKeys(jpeg.sopInstanceUid());

        byte[] wado = wadoRs("/dicomweb/studies/" + jpeg.studyUid() + "/series/" + jpeg.seriesUid() + "/instances/"
                + jpeg.sopInstanceUid(), "multipart/related; type=\"application/dicom\"; transfer-syntax=" + EXPLICIT_LE)
                .get(jpeg.sopInstanceUid());
        DicomFile reference = DicomReader.read(new ByteArrayInputStream(wado), ReadOptions.DEFAULT);
        assertThat(reference.fileMeta().getString(Tags.TransferSyntaxUID, "")).isEqualTo(EXPLICIT_LE);
        byte[] pixels = reference.dataset().getBytes(Tags.PixelData);
        assertThat(pixels).isNotEmpty();
        for (Path file : List.of(only(work.resolve("explicit-only")), only(getInto))) {
            Dcmtk.Result dump = Dcmtk.run(List.of("dcmdump", "-q", file.toString()));
            assertThat(dump.exitCode()).as("dcmdump %s: %s", file, dump.output()).isZero();
            DicomFile got = DicomReader.read(file, ReadOptions.DEFAULT);
            assertThat(got.fileMeta().getString(Tags.TransferSyntaxUID, "")).as("%s decoded", file).isIn(EXPLICIT_LE,
                    "1.2.840.10008.1.2");
            assertThat(got.dataset().getBytes(Tags.PixelData)).as("%s: the pixel values of WADO-RS's native answer", file)
                    .isEqualTo(pixels);
        }
    }

    // ------------------------------------------------------------------ the table

    /** Instances every peer here can take: storescp knows them, getscu proposes their class, native or decodable. */
    private boolean retrievableByAll(Stored s) {
        return s.deliverable() && getscuClasses.contains(s.sopClassUid()) && s.nativeAvailable();
    }

    /** The largest groups whose instances all peers can take, one per scope. */
    private List<Row> rows() throws Exception {
        Predicate<List<Stored>> allOk = group -> group.stream().allMatch(this::retrievableByAll);
        Comparator<List<Stored>> bySizeThenSyntaxes = Comparator.<List<Stored>>comparingInt(
                g -> (int) g.stream().map(Stored::transferSyntaxUid).distinct().count()).thenComparingInt(List::size);
        List<Row> rows = new ArrayList<>();
        List<Stored> study = archive.stored.stream().collect(Collectors.groupingBy(Stored::studyUid)).values().stream()
                .filter(allOk).max(bySizeThenSyntaxes).orElseThrow();
        String studyUid = study.get(0).studyUid();
        rows.add(new Row("study", "-S", List.of("QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + studyUid),
                List.of("/dicomweb/studies/" + studyUid), uids(study)));
        List<Stored> series = archive.stored.stream().collect(Collectors.groupingBy(s -> s.studyUid() + "/" + s.seriesUid()))
                .values().stream().filter(allOk).max(Comparator.comparingInt(List::size)).orElseThrow();
        Stored first = series.get(0);
        rows.add(new Row("series", "-S", List.of("QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + first.studyUid(),
                "SeriesInstanceUID=" + first.seriesUid()), List.of("/dicomweb/studies/" + first.studyUid() + "/series/"
                + first.seriesUid()), uids(series)));
        List<Stored> some = series.stream().limit(Math.max(1, series.size() - 1)).toList();
        rows.add(new Row("instances", "-S", List.of("QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + first.studyUid(),
                "SeriesInstanceUID=" + first.seriesUid(), "SOPInstanceUID=" + some.stream().map(Stored::sopInstanceUid)
                .collect(Collectors.joining("\\"))), some.stream().map(s -> "/dicomweb/studies/" + s.studyUid() + "/series/"
                + s.seriesUid() + "/instances/" + s.sopInstanceUid()).toList(), uids(some)));
        if (ES.isBlank()) {
            System.out.println("patient scope skipped: no test Elasticsearch (vna.test.elasticsearch.url)");
            return rows;
        }
        List<Stored> patient = archive.stored.stream().filter(s -> s.patient().id().matches("[A-Za-z0-9]+"))
                .collect(Collectors.groupingBy(s -> s.patient().id())).values().stream().filter(allOk)
                .max(Comparator.<List<Stored>>comparingInt(g -> (int) g.stream().map(Stored::studyUid).distinct().count())
                        .thenComparingInt(List::size)).orElseThrow();
        String patientId = patient.get(0).patient().id();
        Set<String> studies = patient.stream().map(Stored::studyUid).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> found = qidoStudies(patientId, studies.size());
        assertThat(found).as("QIDO-RS finds the patient's studies").containsExactlyInAnyOrderElementsOf(studies);
        rows.add(new Row("patient", "-P", List.of("QueryRetrieveLevel=PATIENT", "PatientID=" + patientId),
                found.stream().map(u -> "/dicomweb/studies/" + u).toList(), uids(patient)));
        return rows;
    }

    private Set<String> move(Row row) throws Exception {
        Path dest = work.resolve("dest");
        try (var files = Files.list(dest)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("movescu", "-v", row.model(), "-aet", "MOVESCU", "-aec", "VESALIUS", "-aem", "DEST"));
        row.keys().forEach(k -> {
            cmd.add("-k");
            cmd.add(k);
        });
        Dcmtk.run(listener.port(), cmd.toArray(String[]::new));
        return SampleArchive.received(dest).keySet();
    }

    private Set<String> get(Row row, Path into) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("getscu", "-v", row.model(), "-aet", "GETSCU", "-aec", "VESALIUS", "-od",
                into.toString()));
        row.keys().forEach(k -> {
            cmd.add("-k");
            cmd.add(k);
        });
        Dcmtk.run(listener.port(), cmd.toArray(String[]::new));
        return SampleArchive.received(into).keySet();
    }

    /** The instances of a WADO-RS answer, by SOP Instance UID (each part a Part 10 object). */
    private Map<String, byte[]> wadoRs(String path, String accept) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        String type = r.headers().firstValue("Content-Type").orElse("");
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(r.body()),
                MediaType.parse(type).orElseThrow().parameter("boundary").orElseThrow());
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (MultipartReader.Part p = reader.next(); p != null; p = reader.next()) {
            byte[] part10 = p.content().readAllBytes();
            DicomFile f = DicomReader.read(new ByteArrayInputStream(part10), ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA));
            out.put(f.dataset().getString(Tags.SOPInstanceUID, ""), part10);
        }
        return out;
    }

    /** The Study Instance UIDs QIDO-RS lists for a Patient ID, once the index shows {@code expected} of them. */
    private List<String> qidoStudies(String patientId, int expected) throws Exception {
        List<String> studies = List.of();
        for (int i = 0; i < 600 && studies.size() < expected; i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/dicomweb/studies?PatientID=" + URLEncoder.encode(patientId, StandardCharsets.UTF_8)))
                    .header("Accept", "application/dicom+json").build(), HttpResponse.BodyHandlers.ofString());
            List<String> found = new ArrayList<>();
            if (r.statusCode() == 200) {
                for (JsonNode study : new ObjectMapper().readTree(r.body())) {
                    found.add(study.path("0020000D").path("Value").path(0).asText());
                }
            }
            studies = found;
        }
        return studies;
    }

    private static Path only(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> all = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            assertThat(all).as("files in %s", dir).hasSize(1);
            return all.get(0);
        }
    }

    private static Set<String> uids(List<Stored> stored) {
        return stored.stream().map(Stored::sopInstanceUid).collect(Collectors.toSet());
    }
}
