package org.vesalius.vna.server.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vesalius.testsupport.peers.DcmtkProcess;
import org.vesalius.testsupport.peers.ProcessGuard;

/**
 * An Elasticsearch of one test's own, which the test may stop and start again (same data
 * directory, same port), through {@code ./vna es-instance start|stop DIR PORT}: the same
 * distribution, configuration and unprivileged user as {@code ./vna start} and {@code ./vna test}.
 * A {@link ProcessGuard} stops it if the test JVM dies while it runs. Starting costs 11 to 34 s
 * on two shared cores: use one per test class.
 */
public final class ElasticsearchInstance implements AutoCloseable {

    private static final long SCRIPT_GUARD_MINUTES = 5;

    private final Path directory;
    private final int port;
    private final List<String> settings;
    private ProcessGuard guard;

    private ElasticsearchInstance(Path directory, int port, List<String> settings) {
        this.directory = directory;
        this.port = port;
        this.settings = settings;
    }

    /**
     * An instance with its data in {@code directory}/data, on a free port; not started.
     *
     * @param settings more {@code elasticsearch.yml} settings, each {@code name=value} (e.g.
     *                 {@code http.max_content_length=1mb})
     */
    public static ElasticsearchInstance in(Path directory, String... settings) throws IOException {
        return new ElasticsearchInstance(directory.toAbsolutePath(), DcmtkProcess.freePort(), List.of(settings));
    }

    /** Starts it and returns when its cluster health is yellow or green. */
    public synchronized void start() throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("start", directory.toString(), Integer.toString(port)));
        args.addAll(settings);
        script(args.toArray(String[]::new));
        long pid = Long.parseLong(Files.readString(directory.resolve("es.pid")).strip());
        guard = ProcessGuard.watch(pid, 30, null);
    }

    /** Stops it (SIGTERM, then SIGKILL after the script's grace period); its data stays. */
    public synchronized void stop() throws IOException, InterruptedException {
        if (guard != null) {
            guard.close();
            guard = null;
        }
        script("stop", directory.toString());
    }

    public synchronized boolean isRunning() {
        return guard != null;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Its directory: config, data, logs, pid file. */
    public Path directory() {
        return directory;
    }

    /** Stops it if it runs. */
    @Override
    public void close() throws IOException {
        if (isRunning()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping Elasticsearch in " + directory, e);
            }
        }
    }

    private void script(String... args) throws IOException, InterruptedException {
        Path script = Checkout.vnaScript();
        List<String> command = new java.util.ArrayList<>(List.of(script.toString(), "es-instance"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("vna-es-instance", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(Checkout.root().toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(SCRIPT_GUARD_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", command) + " did not finish within " + SCRIPT_GUARD_MINUTES
                        + " minutes:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            String said = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit status " + p.exitValue() + "):\n" + said);
            }
            System.out.print(said);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
