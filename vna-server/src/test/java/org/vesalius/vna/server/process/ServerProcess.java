package org.vesalius.vna.server.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.vesalius.testsupport.peers.DcmtkProcess;
import org.vesalius.testsupport.peers.ProcessGuard;

/**
 * The real server as a separate operating system process: {@code java -jar} on the repackaged
 * {@code vna-server} jar, with its own data directory, free HTTP and DICOM ports, the Elasticsearch
 * it is given (a closed port by default: the index is then down and ingest queues) and its own
 * index name prefix. Its output goes to {@code target/process-logs/NAME.log}, appended across
 * restarts with a line per start and stop. It can be started, stopped (SIGTERM) and killed
 * (SIGKILL) any number of times; ports and data directory stay the same, as on a real machine.
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.builder("qido").elasticsearch(esUrl).build()) {
 *     server.start();          // returns once liveness answers and the DICOM port accepts
 *     server.awaitReady();     // blob store and index answer
 *     HttpResponse<String> r = server.get("/dicomweb/studies?PatientID=12345");
 * }
 * }</pre>
 *
 * <p>A {@link ProcessGuard} kills the server if the test JVM dies without closing it. Waits are
 * hang guards only, never assertions on time.
 */
public final class ServerProcess implements AutoCloseable {

    /** The server's AE title. */
    public static final String AE_TITLE = "VESALIUS";

    /** A URL nothing answers on (the discard port): the index is down. */
    public static final String NO_ELASTICSEARCH = "http://127.0.0.1:9";

    private static final Duration START_GUARD = Duration.ofMinutes(3);
    private static final Duration READY_GUARD = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final String name;
    private final Path dataDirectory;
    private final Path log;
    private final List<String> command;
    private final int httpPort;
    private final int dicomPort;
    private final String indexPrefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private ProcessGuard guard;
    private int starts;

    private ServerProcess(Builder b, Path jar) throws IOException {
        this.name = b.name;
        this.dataDirectory = b.dataDirectory != null ? Files.createDirectories(b.dataDirectory)
                : Checkout.newScratchDirectory(b.name);
        this.httpPort = DcmtkProcess.freePort();
        int dicom = DcmtkProcess.freePort();
        while (dicom == httpPort) {
            dicom = DcmtkProcess.freePort();
        }
        this.dicomPort = dicom;
        this.indexPrefix = b.indexPrefix != null ? b.indexPrefix
                : "proc-" + b.name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path logs = Files.createDirectories(Checkout.buildDirectory().resolve("process-logs"));
        this.log = logs.resolve(b.name + ".log");
        Files.deleteIfExists(log);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(httpPort));
        properties.put("vna.dicom.port", Integer.toString(dicomPort));
        properties.put("vna.dicom.ae-title", AE_TITLE);
        properties.put("vna.storage.fs.root", blobRoot().toString());
        properties.put("vna.elasticsearch.url", b.elasticsearchUrl);
        properties.put("vna.elasticsearch.index-prefix", indexPrefix);
        // Tests wait for the catch-up: a short interval keeps them short.
        properties.put("vna.ingest.catch-up-interval", "1s");
        properties.put("vna.ingest.index-retry-after", "2s");
        if (!b.productSecurity) {
            // The process tests of ingest, durability, retrieval... call HTTP without tokens; the
            // security tests turn tokens on (TokenCommandIT) or keep the product's defaults
            // (SecureByDefaultIT, productSecurity()).
            properties.put("vna.security.enabled", "false");
        }
        properties.putAll(b.properties);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(b.jvmOptions);
        cmd.add("-Djava.io.tmpdir=" + Files.createDirectories(dataDirectory.resolve("tmp")));
        cmd.add("-jar");
        cmd.add(jar.toString());
        properties.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        this.command = List.copyOf(cmd);
    }

    /** A server named {@code name} (its log file and scratch directory are named after it). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Starts the server and returns once {@code /actuator/health/liveness} answers 200 and the DICOM
     * port accepts connections. Throws, with the end of the log, if the process exits first or does
     * not get there within three minutes (then it is killed).
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException(name + " is running already");
        }
        starts++;
        note("start " + starts + ": " + String.join(" ", command));
        process = new ProcessBuilder(command).directory(dataDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        guard = ProcessGuard.watch(process, 10, null);
        long deadline = System.nanoTime() + START_GUARD.toNanos();
        while (!(answers("/actuator/health/liveness") && dicomPortAccepts())) {
            if (!process.isAlive()) {
                guard.close();
                int status = process.exitValue();
                process = null;
                note("exited with status " + status + " during start-up");
                throw new IllegalStateException(name + " exited with status " + status
                        + " during start-up; end of " + log + ":\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException(name + " not alive after " + START_GUARD + "; end of " + log + ":\n" + logTail(40));
            }
            Thread.sleep(200);
        }
        note("alive (pid " + process.pid() + ")");
    }

    /** Waits until {@code /actuator/health/readiness} answers 200 (blob store and index UP). */
    public void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_GUARD.toNanos();
        while (!answers("/actuator/health/readiness")) {
            if (!isRunning()) {
                throw new IllegalStateException(name + " is not running; end of " + log + ":\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + READY_GUARD + ": "
                        + get("/actuator/health/readiness").body());
            }
            Thread.sleep(200);
        }
    }

    /** SIGTERM, and SIGKILL if the server has not ended after a minute. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        guard.close();
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            note("did not stop within " + STOP_GRACE + "; SIGKILL");
            process.destroyForcibly().waitFor();
        }
        note("stopped, exit status " + process.exitValue());
        process = null;
    }

    /** SIGKILL: the process ends at once, in the middle of whatever it was doing. */
    public synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        guard.close();
        process.destroyForcibly();   // SIGKILL on Linux
        process.waitFor();
        note("killed with SIGKILL, exit status " + process.exitValue());
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process id while running. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    public int dicomPort() {
        return dicomPort;
    }

    /** The server's data directory (the blob store is its {@code blobs/}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The filesystem blob store root. */
    public Path blobRoot() {
        return dataDirectory.resolve("blobs");
    }

    /** The Elasticsearch index name prefix this server uses (alias {@code PREFIX-instances}). */
    public String indexPrefix() {
        return indexPrefix;
    }

    /** The server's log file. */
    public Path log() {
        return log;
    }

    /** {@code http://127.0.0.1:PORT} + {@code pathAndQuery}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + httpPort + pathAndQuery);
    }

    /** GET {@code pathAndQuery}; the body as text. */
    public HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, null);
    }

    /** GET {@code pathAndQuery} with an {@code Accept} header (when not null). */
    public HttpResponse<String> get(String pathAndQuery, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " on " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last {@code lines} lines of the log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the server if it runs. The data directory stays, for a look after a failure. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill0();
        }
    }

    private synchronized void kill0() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + "[http " + httpPort + ", dicom " + dicomPort + ", data " + dataDirectory + "]";
    }

    private boolean answers(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean dicomPortAccepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), dicomPort), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void note(String line) {
        try {
            Files.writeString(log, "==== " + Instant.now() + " " + name + ": " + line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures a {@link ServerProcess}. */
    public static final class Builder {

        private final String name;
        private Path dataDirectory;
        private String elasticsearchUrl = NO_ELASTICSEARCH;
        private String indexPrefix;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private boolean productSecurity;
        // Start-up on two shared cores: C1 only and the serial collector cost the least CPU.
        private List<String> jvmOptions = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

        private Builder(String name) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("a server name is a file name: letters, digits, '.', '_', '-': " + name);
            }
            this.name = name;
        }

        /** The data directory (default: a new one under {@code target/process-tests/}). */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** The Elasticsearch URL (default: {@link #NO_ELASTICSEARCH}). */
        public Builder elasticsearch(String url) {
            this.elasticsearchUrl = url;
            return this;
        }

        /** The index name prefix (default: {@code proc-NAME-RANDOM}, so servers never share an index). */
        public Builder indexPrefix(String prefix) {
            this.indexPrefix = prefix;
            return this;
        }

        /** Any other server property, as {@code --key=value}. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /**
         * Keeps the product's security defaults (tokens required); without this call the server
         * runs with {@code vna.security.enabled=false} unless a property says otherwise.
         */
        public Builder productSecurity() {
            this.productSecurity = true;
            return this;
        }

        /** The JVM options, replacing the defaults. */
        public Builder jvmOptions(String... options) {
            this.jvmOptions = List.of(options);
            return this;
        }

        /** The server, not started; skips the calling test when the jar is not built. */
        public ServerProcess build() throws IOException {
            return new ServerProcess(this, Checkout.requireServerJar());
        }
    }
}
