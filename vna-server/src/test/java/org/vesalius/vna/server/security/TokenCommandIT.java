package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * {@code ./vna token [CLIENT]} against the server jar run as {@code ./vna start} runs it (the
 * embedded issuer, its file under the data directory's {@code security/}), with tokens required:
 * the token it prints opens what the client's roles allow and nothing else; an unknown client
 * fails with a message, not a token.
 */
class TokenCommandIT {

    static final String PORTAL_PATIENT = PatientIds.of(new PatientId("A-1", "HOSP"));

    static ServerProcess server;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory(Checkout.buildDirectory(), "token-it-");
        Path file = Files.createDirectories(data.resolve("security")).resolve("issuer.properties");
        // The clients ./vna start generates (scripts/vna/server.sh), with known secrets.
        Files.writeString(file, """
                client.scripts.secret={noop}scripts-secret
                client.scripts.grants=client_credentials
                client.scripts.roles=admin,reader
                client.checks.secret={noop}checks-secret
                client.checks.grants=client_credentials
                client.checks.roles=reader
                client.ohif-viewer.grants=authorization_code
                client.ohif-viewer.redirect-uris=http://127.0.0.1/viewer/callback
                user.admin.password={noop}admin-password
                user.admin.roles=admin,reader
                client.portal.secret={noop}portal-secret
                client.portal.grants=client_credentials
                client.portal.roles=referrer
                client.portal.scopes=patient/ImagingStudy.rs,patient/Patient.rs
                client.portal.patient=%s
                """.formatted(PORTAL_PATIENT));
        server = ServerProcess.builder("token-it").dataDirectory(data.resolve("server"))
                .property("vna.security.enabled", "true")
                .property("vna.security.embedded-issuer.enabled", "true")
                .property("vna.security.embedded-issuer.file", file.toString())
                // ./vna start names its own address; the port is chosen here later, and any URI identifies the issuer.
                .property("vna.security.issuer-uri", "http://issuer.token-it.test")
                .build();
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theDefaultClientsTokenOpensTheStatusAndTheChecksTokenReads() throws Exception {
        Run scripts = vnaToken();
        Run checks = vnaToken("checks");

        assertThat(scripts.status()).as(scripts.output()).isZero();
        assertThat(checks.status()).as(checks.output()).isZero();
        assertThat(get("/api/status", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/status", scripts.lastLine()).statusCode()).isEqualTo(200);
        assertThat(get("/api/status", checks.lastLine()).statusCode()).isEqualTo(403);
        assertThat(get("/dicomweb/studies", checks.lastLine()).statusCode()).isNotIn(401, 403);
    }

    /** A client with a patient context and SMART scopes in the file: its token carries both, and reads (that patient's studies only). */
    @Test
    void aPatientScopedClientsTokenCarriesItsPatientAndScopes() throws Exception {
        Run portal = vnaToken("portal");

        assertThat(portal.status()).as(portal.output()).isZero();
        String claims = new String(Base64.getUrlDecoder().decode(portal.lastLine().split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"patient\":\"" + PORTAL_PATIENT + "\"", "patient/ImagingStudy.rs", "patient/Patient.rs",
                "\"roles\":[\"referrer\"]");
        assertThat(get("/dicomweb/studies", portal.lastLine()).statusCode()).isNotIn(401, 403);
        assertThat(get("/api/status", portal.lastLine()).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownClientGetsAMessageAndNoToken() throws Exception {
        Run unknown = vnaToken("nobody");
        Run hostile = vnaToken("a.b;rm");

        assertThat(unknown.status()).isNotZero();
        assertThat(unknown.output()).contains("client nobody has no plain ({noop}) secret");
        assertThat(hostile.status()).isNotZero();
        assertThat(hostile.output()).contains("not a client name");
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Run(int status, String output) {
        String lastLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.getLast();
        }
    }

    private static Run vnaToken(String... client) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Checkout.vnaScript().toString(), "token"));
        command.addAll(List.of(client));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Checkout.root().toFile()).redirectErrorStream(true);
        builder.environment().put("VNA_DATA_DIR", data.toString());
        builder.environment().put("VNA_RUN_DIR", data.resolve("run").toString());
        builder.environment().put("VNA_HTTP_PORT", Integer.toString(server.httpPort()));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
