package org.vesalius.vna.server.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.vesalius.testsupport.peers.DcmtkProcess;
import org.vesalius.testsupport.peers.ProcessGuard;

/**
 * A real Keycloak as a separate process: the distribution {@code org.keycloak:keycloak-quarkus-dist}
 * that the build unpacks into {@code target/keycloak/} (system property
 * {@code vna.test.keycloak.home}), run as {@code bin/kc.sh start-dev} on loopback, on a free port
 * chosen when it is built (so a test can name its realms' issuer before Keycloak runs), with an
 * in-memory database and the realms of the given JSON files imported at each start. It runs on
 * the JDK running the test ({@code JAVA_HOME}), which must be 21 or later. Output goes to
 * {@code target/process-logs/NAME.log}.
 *
 * <p>The first start in a fresh unpack also builds Keycloak (Quarkus augmentation, about half a
 * minute on two cores); later starts skip that. Waits are hang guards only.
 */
public final class KeycloakProcess implements AutoCloseable {

    /** Where the build unpacked the distribution (vna-server/pom.xml, {@code keycloak.version}). */
    private static final String HOME_PROPERTY = "vna.test.keycloak.home";
    private static final Duration START_GUARD = Duration.ofMinutes(4);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Path home;
    private final Path log;
    private final int port;
    private final List<Path> realmFiles;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Process process;
    private ProcessGuard guard;

    private KeycloakProcess(String name, Path home, List<Path> realmFiles) throws IOException {
        this.name = name;
        this.home = home;
        this.realmFiles = List.copyOf(realmFiles);
        this.port = DcmtkProcess.freePort();
        this.log = Files.createDirectories(Checkout.buildDirectory().resolve("process-logs")).resolve(name + ".log");
        Files.deleteIfExists(log);
    }

    /**
     * A Keycloak that will import {@code realmFiles} (realm representations, one realm a file);
     * not started. Skips the calling test when the distribution is not unpacked or the JDK is
     * older than 21.
     */
    public static KeycloakProcess withRealms(String name, Path... realmFiles) throws IOException {
        String configured = System.getProperty(HOME_PROPERTY, "");
        assumeTrue(!configured.isBlank(), "no Keycloak: system property " + HOME_PROPERTY
                + " is not set (the vna-server build unpacks keycloak-quarkus-dist before the integration tests)");
        Path home = Path.of(configured);
        assumeTrue(Files.isExecutable(home.resolve("bin/kc.sh")), "no Keycloak at " + home
                + ": bin/kc.sh missing (run the integration tests through Maven, which unpacks keycloak-quarkus-dist)");
        assumeTrue(Runtime.version().feature() >= 21, "Keycloak needs JDK 21 or later; the tests run on "
                + Runtime.version());
        return new KeycloakProcess(name, home, List.of(realmFiles));
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The issuer of {@code realm}'s tokens, as the archive's {@code vna.security.issuer-uri} names it. */
    public URI issuer(String realm) {
        return URI.create(baseUri() + "/realms/" + realm);
    }

    /** Starts Keycloak and returns once {@code realm}'s discovery document answers. */
    public synchronized void start(String realm) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (var old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        for (Path file : realmFiles) {
            Files.copy(file, imports.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                // A database in memory: every start imports the realms afresh (and makes new keys).
                "--db=dev-mem", "--import-realm");
        note("start: " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Start-up on two shared cores: a small heap and C1 only cost the least CPU (kc.sh picks the collector).
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        process = builder.start();
        guard = ProcessGuard.watch(process, 10, null);
        long deadline = System.nanoTime() + START_GUARD.toNanos();
        while (!answers(issuer(realm) + "/.well-known/openid-configuration")) {
            if (!process.isAlive()) {
                guard.close();
                note("exited with status " + process.exitValue() + " during start-up");
                throw new IllegalStateException(name + " exited during start-up; end of " + log + ":\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException(name + " not up after " + START_GUARD + "; end of " + log + ":\n" + logTail(40));
            }
            Thread.sleep(250);
        }
        note("up");
    }

    /** SIGTERM to kc.sh (which passes it on to Keycloak's JVM), SIGKILL to both after 30 s. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        guard.close();
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle child : descendants) {
            child.destroyForcibly();
            child.onExit().join();
        }
        note("stopped");
        process = null;
    }

    /**
     * A client-credentials access token of {@code client} in {@code realm}, with {@code scope}
     * (space-separated; null for the client's default scopes).
     */
    public String clientToken(String realm, String client, String secret, String scope) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", client);
        form.put("client_secret", secret);
        if (scope != null) {
            form.put("scope", scope);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token of " + client + " in realm " + realm + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        JsonNode token = json.readTree(response.body()).get("access_token");
        if (token == null) {
            throw new IllegalStateException("no access_token in " + response.body());
        }
        return token.asText();
    }

    /** The log file. */
    public Path log() {
        return log;
    }

    /** Stops Keycloak if it runs. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers(String uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
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
}
