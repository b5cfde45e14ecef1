package org.vesalius.testsupport.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vesalius.testsupport.Prerequisites;
import org.vesalius.testsupport.peers.OrthancConfig.Peer;

/**
 * A throw-away Orthanc (the Debian package's {@code /usr/sbin/Orthanc}) run as a plain child
 * process: a generated JSON configuration, index and storage in a temporary folder, HTTP and
 * DICOM on free ports. HTTP accepts loopback clients only, without authentication. Helpers
 * cover the parts of its REST API the tests need.
 *
 * <pre>{@code
 * OrthancProcess.require();   // skips the test (fails it under CI) when Orthanc is not installed
 * try (OrthancProcess orthanc = OrthancProcess.start(OrthancConfig.builder()
 *         .modality("STORESCP", storescpPort).build())) {
 *     orthanc.upload(file);
 *     // findscu -aec ORTHANC 127.0.0.1 orthanc.dicomPort() ...
 * }
 * }</pre>
 *
 * <p>Defaults (each can be replaced with {@link OrthancConfig.Builder#option}): no plugins,
 * {@code DicomCheckCalledAet} true, every {@code DicomAlwaysAllow*} true (any calling AE may
 * echo, store, find, move and get; set them to false to act like a PACS that knows its
 * callers), {@code StableAge} 1 s, one job at a time, synchronous C-MOVE, SCU timeout 10 s, SCP
 * timeout 30 s, no WebDAV, jobs not saved, patient data not removed from the log.
 *
 * <p>{@link #close()} stops Orthanc (SIGTERM; SIGKILL after 20 s) and deletes the folder. A
 * shutdown hook closes what the tests left open, and a {@link ProcessGuard} stops Orthanc should
 * the JVM be killed or crash.
 */
public final class OrthancProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<Path> FALLBACK_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"),
            Path.of("/usr/local/bin"));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;
    private static final Set<OrthancProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(OrthancProcess::close),
                "orthanc-fixture-shutdown"));
    }

    /** A study as Orthanc lists it. */
    public record Study(String id, String studyInstanceUid, String patientId, String patientName,
            List<String> seriesIds) {
    }

    private final Process process;
    private final ProcessGuard guard;
    private final Path dir;
    private final String aet;
    private final int httpPort;
    private final int dicomPort;
    private final HttpClient http;
    private volatile String version;
    private volatile boolean closed;

    private OrthancProcess(Process process, ProcessGuard guard, Path dir, String aet, int httpPort, int dicomPort,
            HttpClient http) {
        this.process = process;
        this.guard = guard;
        this.dir = dir;
        this.aet = aet;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.http = http;
    }

    // ------------------------------------------------------------------ finding and starting

    /** Orthanc's executable: {@code Orthanc} on the PATH, else in /usr/sbin (Debian's place). */
    public static Optional<Path> executable() {
        List<Path> dirs = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
        dirs.addAll(FALLBACK_DIRS);
        return dirs.stream().map(d -> d.resolve("Orthanc")).filter(Files::isExecutable).findFirst();
    }

    public static boolean available() {
        return executable().isPresent();
    }

    /**
     * Skips the calling test when Orthanc is not installed, or fails it under CI
     * ({@link Prerequisites}; {@code ./vna test} installs it).
     */
    public static void require() {
        Prerequisites.require("Orthanc", available(), "Debian package orthanc");
    }

    /** A TCP port that was free on the loopback interface a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Orthanc and waits until {@code GET /system} answers. Retries with other ports when
     * a port turned out to be taken; otherwise fails with the end of Orthanc's log.
     */
    public static OrthancProcess start(OrthancConfig config) throws IOException, InterruptedException {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(
                "Orthanc is not installed (apt-get install orthanc); call OrthancProcess.require() to skip instead"));
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(exe, config);
            } catch (PortTakenException e) {
                if (attempt == START_ATTEMPTS) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
    }

    private static final class PortTakenException extends IOException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    private static OrthancProcess startOnce(Path exe, OrthancConfig config) throws IOException, InterruptedException {
        int httpPort = freePort();
        int dicomPort = freePort();
        while (dicomPort == httpPort) {
            dicomPort = freePort();
        }
        Path dir = Files.createTempDirectory("vna-orthanc-");
        Path configFile = dir.resolve("orthanc.json");
        Path log = dir.resolve("orthanc.log");
        Files.createDirectories(dir.resolve("db"));
        JSON.writeValue(configFile.toFile(), configuration(config, dir, httpPort, dicomPort));

        List<String> command = new ArrayList<>(List.of(exe.toString()));
        if (config.verbose()) {
            command.add("--verbose");
        }
        command.add(configFile.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            deleteTree(dir);
            throw e;
        }
        ProcessGuard guard;
        try {
            guard = ProcessGuard.watch(process, (int) STOP_TIMEOUT.toSeconds(), dir);
        } catch (IOException e) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            deleteTree(dir);
            throw e;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(2)).build();
        OrthancProcess orthanc = new OrthancProcess(process, guard, dir, config.aet(), httpPort, dicomPort, http);
        RUNNING.add(orthanc);
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        String failure = null;
        JsonNode system = null;
        while (system == null && failure == null) {
            try {
                system = orthanc.getJson("/system");
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    failure = "Orthanc exited during start-up with status " + process.exitValue();
                } else if (System.nanoTime() > deadline) {
                    failure = "Orthanc did not answer GET /system within " + config.startTimeout().toSeconds() + " s";
                } else {
                    Thread.sleep(100);
                }
            }
        }
        if (failure != null) {
            String tail = orthanc.logTail(40);
            orthanc.close();
            String message = failure + " (" + String.join(" ", command) + ")\n--- last lines of its log ---\n" + tail;
            if (tail.contains("already in use")) {
                throw new PortTakenException(message);
            }
            throw new IOException(message);
        }
        orthanc.version = system.path("Version").asText();
        return orthanc;
    }

    /** The JSON configuration: the fixture's defaults, then the caller's options. */
    static Map<String, Object> configuration(OrthancConfig config, Path dir, int httpPort, int dicomPort) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Name", "vna-test-" + config.aet());
        c.put("StorageDirectory", dir.resolve("db").toString());
        c.put("IndexDirectory", dir.resolve("db").toString());
        c.put("Plugins", List.of());
        c.put("ConcurrentJobs", 1);
        c.put("SaveJobs", false);
        c.put("HttpServerEnabled", true);
        c.put("HttpPort", httpPort);
        c.put("RemoteAccessAllowed", false);   // HTTP from 127.0.0.1 only (Orthanc still binds 0.0.0.0)
        c.put("AuthenticationEnabled", false);
        c.put("SslEnabled", false);
        c.put("WebDavEnabled", false);
        c.put("MetricsEnabled", false);
        c.put("DicomServerEnabled", true);
        c.put("DicomAet", config.aet());
        c.put("DicomPort", dicomPort);
        c.put("DicomCheckCalledAet", true);
        c.put("DicomAlwaysAllowEcho", true);
        c.put("DicomAlwaysAllowStore", true);
        c.put("DicomAlwaysAllowFind", true);
        c.put("DicomAlwaysAllowFindWorklist", true);
        c.put("DicomAlwaysAllowGet", true);
        c.put("DicomAlwaysAllowMove", true);
        Map<String, Object> modalities = new LinkedHashMap<>();
        config.modalities().forEach((name, peer) ->
                modalities.put(name, Map.of("AET", peer.aet(), "Host", peer.host(), "Port", peer.port())));
        c.put("DicomModalities", modalities);
        c.put("DicomScuTimeout", 10);
        c.put("DicomScpTimeout", 30);
        c.put("SynchronousCMove", true);
        c.put("StableAge", 1);
        c.put("DeidentifyLogs", false);   // the test data is public; names in the log help debugging
        c.putAll(config.options());
        return c;
    }

    // ------------------------------------------------------------------ where it runs

    /** Base URL of the REST API, {@code http://127.0.0.1:PORT} (no trailing slash). */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** DICOM port, on all interfaces (Orthanc 1.10 cannot bind one address). */
    public int dicomPort() {
        return dicomPort;
    }

    /** Orthanc's AE title. */
    public String aet() {
        return aet;
    }

    /** Orthanc's version as {@code GET /system} reports it, e.g. 1.10.1. */
    public String version() {
        return version;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The temporary folder: {@code orthanc.json}, {@code orthanc.log}, {@code db/}. */
    public Path directory() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve("orthanc.log");
    }

    /** The last {@code lines} lines of Orthanc's log (stdout and stderr). */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------ REST API

    /** Stores a DICOM file ({@code POST /instances}); returns Orthanc's instance ID. */
    public String upload(Path dicomFile) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/instances"))
                .header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(dicomFile)));
        JsonNode body = JSON.readTree(r.body());
        String status = body.path("Status").asText();
        if (!status.equals("Success") && !status.equals("AlreadyStored")) {
            throw new IOException("Orthanc did not store " + dicomFile + ": " + r.body());
        }
        return body.path("ID").asText();
    }

    /** Number of stored instances ({@code GET /statistics}). */
    public int instanceCount() throws IOException, InterruptedException {
        return getJson("/statistics").path("CountInstances").asInt();
    }

    /** Every stored study ({@code GET /studies?expand}). */
    public List<Study> studies() throws IOException, InterruptedException {
        List<Study> out = new ArrayList<>();
        for (JsonNode s : getJson("/studies?expand")) {
            List<String> series = new ArrayList<>();
            s.path("Series").forEach(id -> series.add(id.asText()));
            out.add(new Study(s.path("ID").asText(), s.path("MainDicomTags").path("StudyInstanceUID").asText(),
                    s.path("PatientMainDicomTags").path("PatientID").asText(),
                    s.path("PatientMainDicomTags").path("PatientName").asText(), List.copyOf(series)));
        }
        return out;
    }

    /** Deletes every patient, hence everything stored. */
    public void deleteAll() throws IOException, InterruptedException {
        for (JsonNode id : getJson("/patients")) {
            send(HttpRequest.newBuilder(uri("/patients/" + id.asText())).DELETE());
        }
        if (instanceCount() != 0) {
            throw new IOException("Orthanc still holds " + instanceCount() + " instances after deleting all patients");
        }
    }

    /** Orthanc's {@code DicomModalities}, by symbolic name ({@code GET /modalities?expand}). */
    public Map<String, Peer> modalities() throws IOException, InterruptedException {
        Map<String, Peer> out = new LinkedHashMap<>();
        getJson("/modalities?expand").properties().forEach(e -> out.put(e.getKey(), new Peer(
                e.getValue().path("AET").asText(), e.getValue().path("Host").asText(), e.getValue().path("Port").asInt())));
        return out;
    }

    /**
     * Adds or replaces a peer at run time ({@code PUT /modalities/NAME}), e.g. once an SCP's
     * port is known. Kept in memory only; {@code extra} may hold {@code "AllowMove": false} etc.
     */
    public void putModality(String name, Peer peer, Map<String, Object> extra) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("AET", peer.aet(), "Host", peer.host(), "Port", peer.port()));
        body.putAll(extra);
        send(HttpRequest.newBuilder(uri("/modalities/" + name))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** {@code GET path} (e.g. {@code /system}), parsed as JSON; fails unless 2xx. */
    public JsonNode getJson(String path) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET()).body());
    }

    /** {@code POST path} with a JSON body (e.g. {@code /tools/find}); fails unless 2xx. */
    public JsonNode postJson(String path, Object body) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))).body());
    }

    private URI uri(String path) {
        return URI.create(httpUrl() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(r.method() + " " + r.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    // ------------------------------------------------------------------ stopping

    /** Stops Orthanc (SIGTERM, SIGKILL after 20 s) and deletes its folder. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RUNNING.remove(this);
        guard.close();
        boolean interrupted = false;
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        deleteTree(dir);
        http.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Orthanc " + (version == null ? "" : version + " ") + aet + " dicom 127.0.0.1:" + dicomPort + " http "
                + httpUrl() + " pid " + process.pid();
    }
}
