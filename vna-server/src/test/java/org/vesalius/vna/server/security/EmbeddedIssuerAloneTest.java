package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * What {@code ./vna start} runs this round: the embedded issuer on, tokens not required yet. The
 * issuer issues tokens; the archive's endpoints answer without one, as before, STOW-RS included
 * (no CSRF check on it); Spring Security's firewall now sees every request and refuses a path
 * parameter as a 400 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedIssuerAloneTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ServerTestSupport.tempBlobRoot(registry);
        Path file = Files.createTempFile("vna-issuer-", ".properties");
        Files.writeString(file, """
                client.scripts.secret={noop}scripts-secret
                client.scripts.grants=client_credentials
                client.scripts.roles=admin,reader
                client.ohif-viewer.grants=authorization_code
                client.ohif-viewer.redirect-uris=http://127.0.0.1/viewer/callback
                client.ohif-viewer.scopes=openid,profile
                user.admin.password={noop}admin-password
                user.admin.roles=admin,reader
                """);
        registry.add("vna.security.issuer-uri", () -> "http://issuer.vesalius.test");
        registry.add("vna.security.embedded-issuer.enabled", () -> "true");
        registry.add("vna.security.embedded-issuer.file", file::toString);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theIssuerIssuesAndTheArchiveAnswersWithoutTokens() throws Exception {
        HttpResponse<String> token = send(HttpRequest.newBuilder(url("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("scripts:scripts-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        HttpResponse<String> status = send(HttpRequest.newBuilder(url("/api/status")));
        HttpResponse<String> stow = send(HttpRequest.newBuilder(url("/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b--\r\n")));

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).contains("\"access_token\"", "\"token_type\":\"Bearer\"");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(stow.statusCode()).as(stow.body()).isNotIn(401, 403);
    }

    @Test
    void aPathParameterIsRefusedAsAProblem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/dicomweb/studies;jsessionid=1")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"VNA-INVALID-REQUEST\"").doesNotContain("jsessionid");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
