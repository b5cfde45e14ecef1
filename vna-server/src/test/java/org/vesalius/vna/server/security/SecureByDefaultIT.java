package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * The server jar with its own security defaults, as a hospital that runs it without reading the
 * documentation gets it: with no identity provider it does not start, and says what to configure;
 * with one named, every endpoint that holds patient data wants a token (401 problem with
 * {@code WWW-Authenticate: Bearer}), while the health probes and FHIR's CapabilityStatement stay
 * open.
 */
class SecureByDefaultIT {

    @Test
    void withoutAnIdentityProviderTheServerDoesNotStartAndSaysWhy() throws Exception {
        Path data = Files.createTempDirectory(Checkout.buildDirectory(), "secure-default-");
        try (ServerProcess server = ServerProcess.builder("secure-default-none").dataDirectory(data).productSecurity().build()) {
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited")
                    .hasMessageContaining("no identity provider is configured")
                    .hasMessageContaining("vna.security.issuer-uri");
        }
    }

    @Test
    void withAnIssuerEveryPatientDataEndpointWantsAToken() throws Exception {
        Path data = Files.createTempDirectory(Checkout.buildDirectory(), "secure-default-");
        // An issuer nobody answers at: no token is presented, so it is never asked.
        try (ServerProcess server = ServerProcess.builder("secure-default-issuer").dataDirectory(data).productSecurity()
                .property("vna.security.issuer-uri", "http://127.0.0.1:9/realms/none").build()) {
            server.start();
            for (String path : new String[] {"/dicomweb/studies", "/dicomweb/studies/1.2.3/series", "/wado?requestType=WADO&studyUID=1&seriesUID=2&objectUID=3",
                    "/fhir/ImagingStudy", "/fhir/Patient/x", "/api/status", "/actuator/prometheus"}) {
                HttpResponse<String> response = server.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
                assertThat(response.body()).as(path).contains("VNA-UNAUTHENTICATED");
            }
            HttpResponse<String> stow = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/dicomweb/studies"))
                    .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=b")
                    .POST(HttpRequest.BodyPublishers.ofString("--b--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stow.statusCode()).isEqualTo(401);
            assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(server.get("/fhir/metadata").statusCode()).isEqualTo(200);
        }
    }
}
