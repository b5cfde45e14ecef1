package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.server.process.KeycloakProcess;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.TinyInstance;

/**
 * A hospital identity provider: a real Keycloak ({@code kc.sh start-dev} on loopback, realms
 * {@code vna} and {@code other} imported from {@code src/test/resources/keycloak/}) issues the
 * tokens, the real server jar checks them ({@code vna.security.enabled=true},
 * {@code vna.security.issuer-uri} = the {@code vna} realm, audience {@code vna}). The server
 * starts while Keycloak is still down and accepts its tokens once it is up; a reader's token
 * searches (QIDO-RS, FHIR), an ingest client's token stores (STOW-RS); a token without an
 * archive role is forbidden (403); a token of another realm, an expired one, a garbage one or
 * none is unauthenticated (401). The SMART scopes of the realm's client scopes arrive in the
 * token's {@code scope} claim and are enforced: a portal client (role referrer,
 * {@code patient/ImagingStudy.rs}, a patient context mapped into the token) reads its patient's
 * study through DICOMweb and FHIR and not another's, nor the Patient resource its scope does not
 * name; a {@code patient/} scope without a patient context reads nothing. One Keycloak and one
 * server for all cases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    /** The patient of the portal client's patient context (vna-realm.json). */
    static final String PORTAL_PATIENT = "KEYCLOAK-PORTAL";

    static KeycloakProcess keycloak;
    static ServerProcess server;
    /** What a request with a token got while Keycloak was down. */
    static int statusWhileKeycloakDown;
    /** A token of one second, fetched first so that its expiry has passed by the last case. */
    static String expiringToken;

    @BeforeAll
    static void start() throws Exception {
        keycloak = KeycloakProcess.withRealms("keycloak-it-idp", realmFile("vna-realm.json"), realmFile("other-realm.json"));
        assumeTrue(!ES.isBlank(), "no Elasticsearch: set -Dvna.test.elasticsearch.url (./vna test does)");
        server = ServerProcess.builder("keycloak-it").elasticsearch(ES)
                .property("vna.security.enabled", "true")
                .property("vna.security.issuer-uri", keycloak.issuer("vna").toString())
                .property("vna.security.audience", "vna")
                .build();
        // Keycloak is not running yet: the archive starts all the same (it fetches the issuer's keys at the first request).
        server.start();
        server.awaitReady();
        statusWhileKeycloakDown = get("/dicomweb/studies", "not-a-jwt").statusCode();
        keycloak.start("vna");
        expiringToken = token("vna-expiring", "expiring-secret", null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Order(1)
    void theServerStartedWhileKeycloakWasDownAndAcceptsItsTokensNow() throws Exception {
        String reader = token("vna-reader", "reader-secret", null);

        // The token could not be checked, which says nothing of the token: unavailable, not unauthenticated.
        assertThat(statusWhileKeycloakDown).as("a token while the identity provider is unreachable").isEqualTo(503);
        assertThat(get("/dicomweb/studies", reader).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aReaderSearchesStudiesAndFhirAndAnIngestClientStores() throws Exception {
        String reader = token("vna-reader", "reader-secret", null);
        String ingest = token("vna-ingest", "ingest-secret", null);
        String study = "2.25.4711" + System.nanoTime() % 1_000_000_000L;
        String patient = "KEYCLOAK-IT-" + System.nanoTime() % 1_000_000L;

        HttpResponse<String> stored = TinyInstance.stow(server, ingest, TinyInstance.of(study, patient, "Keycloak^Test"));
        HttpResponse<String> found = until(() -> get("/dicomweb/studies?PatientID=" + patient, reader),
                r -> r.statusCode() != 200 || r.body().contains(study));

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(study);
        assertThat(get("/dicomweb/studies", reader).statusCode()).isEqualTo(200);
        HttpResponse<String> fhir = get("/fhir/ImagingStudy?patient.identifier=" + patient, reader);
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.body()).contains(study);
        // The ingest role stores and reads nothing; the reader role reads and stores nothing.
        assertThat(get("/dicomweb/studies", ingest).statusCode()).isEqualTo(403);
        assertThat(TinyInstance.stow(server, reader, TinyInstance.of(study + ".9", patient, "Keycloak^Test")).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aTokenWithoutAnArchiveRoleIsForbidden() throws Exception {
        String noRole = token("vna-no-role", "no-role-secret", null);

        assertThat(get("/dicomweb/studies", noRole).statusCode()).isEqualTo(403);
        assertThat(get("/fhir/ImagingStudy", noRole).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void aTokenOfAnotherRealmOrNoneIsUnauthenticated() throws Exception {
        // The other realm's client has the reader and admin roles: its issuer and key are what is wrong.
        String otherRealm = keycloak.clientToken("other", "other-reader", "other-secret", null);

        HttpResponse<String> refused = get("/dicomweb/studies", otherRealm);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertThat(get("/fhir/ImagingStudy", otherRealm).statusCode()).isEqualTo(401);
        assertThat(get("/dicomweb/studies", null).statusCode()).isEqualTo(401);
        assertThat(get("/dicomweb/studies", "not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void smartScopesOfTheRealmsClientScopesArriveInTheToken() throws Exception {
        JWTClaimsSet reader = claims(token("vna-reader", "reader-secret", null));
        JWTClaimsSet launched = claims(token("vna-reader", "reader-secret", "patient/ImagingStudy.rs launch/patient"));
        JWTClaimsSet system = claims(token("vna-ingest", "ingest-secret", null));

        assertThat(scopes(reader)).contains("user/*.read").doesNotContain("patient/ImagingStudy.rs");
        assertThat(scopes(launched)).contains("user/*.read", "patient/ImagingStudy.rs", "launch/patient");
        assertThat(scopes(system)).contains("system/*.rs");
        assertThat(reader.getStringListClaim("roles")).containsExactly("reader");
        assertThat(reader.getAudience()).contains("vna");

    }

    @Test
    @Order(6)
    void smartScopesOfTheRealmAreEnforced() throws Exception {
        // The portal client's hard-coded patient context is this patient's FHIR id (vna-realm.json).
        assertThat(PatientIds.of(new PatientId(PORTAL_PATIENT, ""))).isEqualTo("S0VZQ0xPQUstUE9SVEFMXA");
        String ingest = token("vna-ingest", "ingest-secret", null);
        String reader = token("vna-reader", "reader-secret", null);
        String portal = token("vna-portal", "portal-secret", null);
        String mine = "2.25.4712" + System.nanoTime() % 1_000_000_000L;
        String theirs = "2.25.4713" + System.nanoTime() % 1_000_000_000L;
        assertThat(TinyInstance.stow(server, ingest, TinyInstance.of(mine, PORTAL_PATIENT, "Keycloak^Portal")).statusCode()).isEqualTo(200);
        assertThat(TinyInstance.stow(server, ingest, TinyInstance.of(theirs, "KEYCLOAK-OTHER", "Keycloak^Other")).statusCode()).isEqualTo(200);
        until(() -> get("/dicomweb/studies?StudyInstanceUID=" + mine + "," + theirs, reader),
                r -> r.statusCode() != 200 || (r.body().contains(mine) && r.body().contains(theirs)));

        // patient/ImagingStudy.rs with the patient context: that patient's studies, through DICOMweb and FHIR, and no other's.
        HttpResponse<String> listed = get("/dicomweb/studies?StudyInstanceUID=" + mine + "," + theirs, portal);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(mine).doesNotContain(theirs);
        assertThat(get("/dicomweb/studies/" + mine + "/metadata", portal).statusCode()).isEqualTo(200);
        assertThat(get("/dicomweb/studies/" + theirs + "/metadata", portal).statusCode()).as("a guessed UID").isEqualTo(404);
        HttpResponse<String> fhir = get("/fhir/ImagingStudy", portal);
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.body()).contains(mine).doesNotContain(theirs);
        // The scope is ImagingStudy's: the Patient resource is not in it.
        assertThat(get("/fhir/Patient/S0VZQ0xPQUstUE9SVEFMXA", portal).statusCode()).isEqualTo(403);
        // A patient/ scope without a patient context reads nothing (the reader asked for one, with no launch context).
        String launchedWithoutPatient = token("vna-reader", "reader-secret", "patient/ImagingStudy.rs launch/patient");
        assertThat(get("/dicomweb/studies", launchedWithoutPatient).statusCode()).isEqualTo(403);
        // user/*.read with the reader role: every study.
        assertThat(get("/dicomweb/studies?StudyInstanceUID=" + mine + "," + theirs, reader).body()).contains(mine, theirs);
    }

    @Test
    @Order(7)
    void anExpiredTokenIsUnauthenticated() throws Exception {
        // Spring's resource server allows 60 s of clock skew past exp: wait until the token is past both.
        Instant expired = claims(expiringToken).getExpirationTime().toInstant().plusSeconds(61);
        while (Instant.now().isBefore(expired)) {
            Thread.sleep(Math.max(1, Duration.between(Instant.now(), expired).toMillis()));
        }

        HttpResponse<String> refused = get("/dicomweb/studies", expiringToken);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token").contains("expired");
        // The same client's fresh token passes: only the expiry was wrong.
        assertThat(get("/dicomweb/studies", token("vna-expiring", "expiring-secret", null)).statusCode()).isEqualTo(200);
    }

    private static Path realmFile(String name) throws URISyntaxException {
        return Path.of(KeycloakIT.class.getResource("/keycloak/" + name).toURI());
    }

    private static String token(String client, String secret, String scope) throws Exception {
        return keycloak.clientToken("vna", client, secret, scope);
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return JWTParser.parse(token).getJWTClaimsSet();
    }

    private static List<String> scopes(JWTClaimsSet claims) throws Exception {
        return List.of(claims.getStringClaim("scope").split(" "));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static HttpResponse<String> until(Probe probe, java.util.function.Predicate<HttpResponse<String>> done) throws Exception {
        // A hang guard while the stored instance reaches the index, not an assertion on time.
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        HttpResponse<String> last = probe.call();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = probe.call();
        }
        return last;
    }

    private interface Probe {
        HttpResponse<String> call() throws Exception;
    }
}
