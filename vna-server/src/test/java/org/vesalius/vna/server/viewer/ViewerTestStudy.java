package org.vesalius.vna.server.viewer;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;
import org.vesalius.testsupport.peers.ProcessGuard;
import org.vesalius.vna.server.process.Checkout;

/**
 * What the browser tests share: the generated chest CT study (topogram, 17 axial 5 mm, 62 lung,
 * dose report) stored by STOW-RS into the archive at {@code base} and searchable, and the browser
 * script ({@code viewer/test/ohif-browser.mjs}) run on it. {@code token}: the bearer token of
 * the archive's requests when it requires one, else {@code null}.
 *
 * @param base     the archive, {@code http://127.0.0.1:<port>}
 * @param token    a bearer token for STOW-RS and QIDO-RS, or {@code null}
 * @param study    the study's instances
 * @param ctSeries the CT series the viewer opens (the smallest with more than one instance)
 */
record ViewerTestStudy(String base, String token, List<SyntheticManifest.Entry> study, String ctSeries) {

    static final SyntheticOptions DATA = new SyntheticOptions(200, 1, 64);
    private static final long BROWSER_GUARD_SECONDS = 420;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Generates the data set into {@code out/data} (emptied first), stores the CT study and waits until it is searchable. */
    static ViewerTestStudy load(Path out, String base, String token) throws Exception {
        deleteTree(out);
        Path data = Files.createDirectories(out.resolve("data"));
        SyntheticDataSet.generate(data, DATA);
        List<SyntheticManifest.Entry> all = SyntheticManifest.read(data);
        String ctStudy = all.stream().filter(e -> e.modality().equals("CT")).findFirst().orElseThrow().studyInstanceUid();
        List<SyntheticManifest.Entry> study = all.stream().filter(e -> e.studyInstanceUid().equals(ctStudy)).toList();
        String ctSeries = study.stream().filter(e -> e.modality().equals("CT"))
                .collect(Collectors.groupingBy(SyntheticManifest.Entry::seriesInstanceUid, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        ViewerTestStudy loaded = new ViewerTestStudy(base, token, study, ctSeries);
        loaded.stow(data);
        loaded.awaitSearchable();
        return loaded;
    }

    /**
     * The generated data set's studies as {@link #load} makes them (the generator is seeded): the
     * CT study first, then a study of another patient, which {@link #loadOther} stores.
     */
    static List<SyntheticManifest.Entry> preview(Path dir) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        SyntheticDataSet.generate(dir, DATA);
        List<SyntheticManifest.Entry> all = SyntheticManifest.read(dir);
        SyntheticManifest.Entry ct = all.stream().filter(e -> e.modality().equals("CT")).findFirst().orElseThrow();
        SyntheticManifest.Entry other = all.stream().filter(e -> !e.patientId().equals(ct.patientId())).findFirst().orElseThrow();
        return List.of(ct, other);
    }

    /** Stores a study of another patient than this one's from the same data set, searchable when this returns. */
    ViewerTestStudy loadOther(Path out) throws Exception {
        Path data = out.resolve("data");
        List<SyntheticManifest.Entry> all = SyntheticManifest.read(data);
        String otherStudy = all.stream().filter(e -> !e.patientId().equals(first().patientId())).findFirst().orElseThrow().studyInstanceUid();
        List<SyntheticManifest.Entry> entries = all.stream().filter(e -> e.studyInstanceUid().equals(otherStudy)).toList();
        ViewerTestStudy other = new ViewerTestStudy(base, token, entries, null);
        other.stow(data);
        other.awaitSearchable();
        return other;
    }

    SyntheticManifest.Entry first() {
        return study.get(0);
    }

    /** Runs the browser script on the study, output into {@code dir}; {@code env}: added to its environment. */
    void browser(Path dir, Map<String, String> env, String... where) throws Exception {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("node", Checkout.root().resolve("viewer/test/ohif-browser.mjs").toString()));
        command.addAll(List.of(where));
        command.addAll(List.of("--study", first().studyInstanceUid(), "--series", ctSeries, "--expect", first().studyDescription(),
                "--out", dir.toString(), "--chromium", ViewerBrowserIT.CHROMIUM, "--timeout", "300"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Checkout.root().resolve("viewer").toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("browser.log").toFile());
        builder.environment().putAll(env);
        Process node = builder.start();
        try (ProcessGuard guard = ProcessGuard.watch(node, 10, null)) {
            if (!node.waitFor(BROWSER_GUARD_SECONDS, TimeUnit.SECONDS)) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly().waitFor();
            }
        }
        String log = Files.readString(dir.resolve("browser.log"));
        assertThat(node.exitValue()).as("the browser script (%s):%n%s", String.join(" ", command), log).isZero();
    }

    /** A GET of the archive, with the token when there is one. */
    HttpResponse<String> get(String pathAndQuery, String accept) throws IOException, InterruptedException {
        return HTTP.send(authorized(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Accept", accept)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private void stow(Path dir) throws Exception {
        String boundary = "viewer-it-" + System.nanoTime();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        for (SyntheticManifest.Entry e : study) {
            parts.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(US_ASCII)));
            parts.add(HttpRequest.BodyPublishers.ofFile(dir.resolve(e.file())));
            parts.add(HttpRequest.BodyPublishers.ofByteArray("\r\n".getBytes(US_ASCII)));
        }
        parts.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "--\r\n").getBytes(US_ASCII)));
        HttpResponse<String> r = HTTP.send(authorized(HttpRequest.newBuilder(URI.create(base + "/dicomweb/studies")))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Until QIDO-RS finds every stored instance and counts them in the study (the index refreshes within a second; a hang guard). */
    private void awaitSearchable() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> r = get("/dicomweb/studies/" + first().studyInstanceUid() + "/instances?includefield=00080018",
                    "application/dicom+json");
            if (r.statusCode() == 200 && JSON.readTree(r.body()).size() == study.size()) {
                // and the study's summary (written after its instances), which the study list shows
                HttpResponse<String> s = get("/dicomweb/studies?StudyInstanceUID=" + first().studyInstanceUid() + "&includefield=00201208",
                        "application/dicom+json");
                if (s.statusCode() == 200 && JSON.readTree(s.body()).path(0).path("00201208").path("Value").path(0).asInt() == study.size()) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("instances searchable within 60 s (last answer %s: %s)", r.statusCode(), r.body())
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
