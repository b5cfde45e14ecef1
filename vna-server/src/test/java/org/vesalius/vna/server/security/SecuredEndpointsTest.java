package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.security.ServerEndpoints.Endpoint;

/**
 * With {@code vna.security.enabled=true} and the embedded issuer: for one request per endpoint
 * of the server (the same enumeration as {@link EndpointAccessTableTest}), no token, a token of
 * another issuer, a forged issuer, an expired token and a token without an admitted role are
 * refused (401 with {@code WWW-Authenticate: Bearer}, or 403) as problem+json; a token of an
 * admitted role, obtained from the embedded issuer with client credentials, passes (whatever the
 * endpoint then answers: 404, 503 while the index is down, ...). On the clinical reads, further
 * columns: the referrer of patient A gets no data from the sample (no study of A), a referrer
 * without a patient and a SMART token whose scopes name another resource are refused (403).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecuredEndpointsTest {

    static final String ISSUER = "http://issuer.vesalius.test";
    static final String VIEWER_ORIGIN = "http://viewer.vesalius.test";
    static final String PATIENT_A = PatientIds.of(new PatientId("A-1", "HOSP"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ServerTestSupport.tempBlobRoot(registry);
        Path viewer = Files.createTempDirectory("vna-viewer-");
        Files.writeString(viewer.resolve("index.html"), "<html></html>");
        registry.add("vna.viewer.directory", viewer::toString);
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        StringBuilder file = new StringBuilder();
        for (Role role : Role.values()) {
            String id = "as-" + role.claimValue();
            file.append("client.").append(id).append(".secret={noop}secret-").append(role.claimValue()).append('\n')
                    .append("client.").append(id).append(".grants=client_credentials\n")
                    .append("client.").append(id).append(".roles=").append(role.claimValue()).append('\n');
        }
        // The referrer's tokens carry a patient context (patient A); further clients for the SMART columns.
        file.append("client.as-referrer.patient=").append(PATIENT_A).append('\n')
                .append("client.referrer-nobody.secret={noop}nobody\nclient.referrer-nobody.grants=client_credentials\n")
                .append("client.referrer-nobody.roles=referrer\n")
                .append("client.observations-app.secret={noop}observations\nclient.observations-app.grants=client_credentials\n")
                .append("client.observations-app.scopes=patient/Observation.rs\nclient.observations-app.patient=").append(PATIENT_A).append('\n');
        file.append("client.ohif.grants=authorization_code\nclient.ohif.redirect-uris=http://127.0.0.1/viewer/callback\n")
                .append("client.ohif.scopes=openid,profile\nuser.alice.password={noop}alice-pw\nuser.alice.roles=reader\n");
        Path issuerFile = Files.createTempFile("vna-issuer-", ".properties");
        Files.writeString(issuerFile, file);
        registry.add("vna.security.enabled", () -> "true");
        registry.add("vna.security.issuer-uri", () -> ISSUER);
        registry.add("vna.web.cors.allowed-origins", () -> VIEWER_ORIGIN);
        registry.add("vna.security.embedded-issuer.enabled", () -> "true");
        registry.add("vna.security.embedded-issuer.file", issuerFile::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JWKSource<SecurityContext> issuerKeys;

    final HttpClient http = HttpClient.newHttpClient();

    @TestFactory
    Stream<DynamicContainer> everyEndpointRefusesWhatItShouldAndAdmitsItsRoles() throws Exception {
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            tokens.put(role, clientCredentialsToken("as-" + role.claimValue(), "secret-" + role.claimValue()));
        }
        String expired = sign(issuerKeys, ISSUER, Instant.now().minus(Duration.ofHours(2)), "admin", "reader", "ingest");
        String otherIssuer = sign(otherKeys(), "http://elsewhere.test", Instant.now(), "admin", "reader", "ingest");
        String forgedIssuer = sign(issuerKeys, "http://elsewhere.test", Instant.now(), "admin", "reader", "ingest");
        String referrerWithoutPatient = clientCredentialsToken("referrer-nobody", "nobody");
        String otherResourceScopes = clientCredentialsToken("observations-app", "observations", "patient/Observation.rs");

        List<DynamicContainer> cases = new ArrayList<>();
        for (Endpoint endpoint : ServerEndpoints.of(context)) {
            AccessRule rule = AccessTable.ruleFor(endpoint.request()).orElseThrow();
            List<DynamicTest> checks = new ArrayList<>();
            if (rule.open()) {
                checks.add(DynamicTest.dynamicTest("open: no token passes", () -> assertPasses(send(endpoint, null))));
            } else {
                checks.add(DynamicTest.dynamicTest("no token: 401", () -> assertUnauthenticated(send(endpoint, null), false)));
                checks.add(DynamicTest.dynamicTest("not a JWT: 401", () -> assertUnauthenticated(send(endpoint, "not-a-token"), true)));
                checks.add(DynamicTest.dynamicTest("other issuer: 401", () -> assertUnauthenticated(send(endpoint, otherIssuer), true)));
                checks.add(DynamicTest.dynamicTest("forged issuer: 401", () -> assertUnauthenticated(send(endpoint, forgedIssuer), true)));
                checks.add(DynamicTest.dynamicTest("expired: 401", () -> assertUnauthenticated(send(endpoint, expired), true)));
                Optional<Role> wrong = Arrays.stream(Role.values()).filter(r -> !rule.roles().contains(r)).findFirst();
                wrong.ifPresent(role -> checks.add(DynamicTest.dynamicTest("role " + role.claimValue() + ": 403",
                        () -> assertRefused(send(endpoint, tokens.get(role))))));
                for (Role role : rule.roles()) {
                    checks.add(DynamicTest.dynamicTest("role " + role.claimValue() + " passes", () -> assertPasses(send(endpoint, tokens.get(role)))));
                }
                if (rule.read() != null) {
                    // The sample UIDs are no study of patient A; with real studies: PatientScopedAccessIT.
                    checks.add(DynamicTest.dynamicTest("referrer of another patient: no data",
                            () -> assertNoData(send(endpoint, tokens.get(Role.REFERRER)))));
                    checks.add(DynamicTest.dynamicTest("referrer without a patient: 403", () -> assertRefused(send(endpoint, referrerWithoutPatient))));
                    checks.add(DynamicTest.dynamicTest("SMART scopes of another resource: 403", () -> assertRefused(send(endpoint, otherResourceScopes))));
                }
            }
            cases.add(DynamicContainer.dynamicContainer(endpoint.toString(), checks));
        }
        return cases.stream();
    }

    /**
     * A viewer of another origin (vna.web.cors): its preflight, which carries no token, is
     * answered; a refusal (401) is readable by it, so it can log in again; its token passes.
     */
    @Test
    void aViewerOfAnotherOriginGetsItsPreflightAndItsRefusalsReadably() throws Exception {
        URI studies = url("/dicomweb/studies");
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(studies).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", VIEWER_ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,accept").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(studies).header("Origin", VIEWER_ORIGIN).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(studies).header("Origin", VIEWER_ORIGIN)
                .header("Authorization", "Bearer " + clientCredentialsToken("as-reader", "secret-reader")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherOrigin = http.send(HttpRequest.newBuilder(studies).header("Origin", "http://elsewhere.test")
                .header("Authorization", "Bearer " + clientCredentialsToken("as-reader", "secret-reader")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(VIEWER_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization");
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withoutToken.headers().firstValue("Access-Control-Allow-Origin")).hasValue(VIEWER_ORIGIN);
        assertThat(withToken.statusCode()).isNotIn(401, 403);
        assertThat(withToken.headers().firstValue("Access-Control-Allow-Origin")).hasValue(VIEWER_ORIGIN);
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theIssuerRefusesAWrongSecretAndPublishesItsMetadata() throws Exception {
        HttpResponse<String> wrong = tokenRequest("as-admin", "not-the-secret");
        HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(url("/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("not-the-secret");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"issuer\":\"" + ISSUER + "\"", "/oauth2/token", "/oauth2/authorize", "S256");
    }

    @Test
    void theViewerClientMustUsePkce() throws Exception {
        String authorize = "/oauth2/authorize?response_type=code&client_id=ohif&scope=openid&redirect_uri="
                + "http://127.0.0.1/viewer/callback&state=s";
        HttpResponse<String> withoutPkce = http.send(HttpRequest.newBuilder(url(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withPkce = http.send(HttpRequest.newBuilder(url(authorize
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

        // Without PKCE the error goes back to the client's redirect URI; with it, the user is sent to log in.
        assertThat(withoutPkce.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("http://127.0.0.1/viewer/callback").contains("error=invalid_request"));
        assertThat(withPkce.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void theViewerClientLogsAUserInWithCodeAndPkceAndGetsTheUsersRoles() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String redirect = "http://127.0.0.1/viewer/callback";
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // RFC 7636, appendix B
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = url("/oauth2/authorize?response_type=code&client_id=ohif&scope=openid&state=s&redirect_uri=" + redirect
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");

        HttpResponse<String> toLogin = browser.send(HttpRequest.newBuilder(authorize).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-pw&_csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        URI back = url("/").resolve(loggedIn.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> toViewer = browser.send(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString());
        String location = toViewer.headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).as(location).isTrue();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(url("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=ohif&redirect_uri=" + redirect
                        + "&code=" + code.group(1) + "&code_verifier=" + verifier)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher access = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
        assertThat(access.find()).as(token.body()).isTrue();
        String claims = new String(Base64.getUrlDecoder().decode(access.group(1).split("\\.")[1]), StandardCharsets.UTF_8);

        assertThat(toLogin.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(location).startsWith(redirect).contains("state=s");
        assertThat(claims).contains("\"sub\":\"alice\"", "\"roles\":[\"reader\"]");
        assertPasses(send(new Endpoint(HttpMethod.GET, "/dicomweb/studies", "/dicomweb/studies", "viewer"), access.group(1)));
        assertRefused(send(new Endpoint(HttpMethod.GET, "/api/status", "/api/status", "viewer"), access.group(1)));
    }

    /** The audit trail names patients and who looked at them: auditors and admins only, on both APIs, also by FHIR POST search. */
    @Test
    void theAuditTrailIsForAuditorsAndAdminsOnly() throws Exception {
        List<Endpoint> trail = List.of(new Endpoint(HttpMethod.GET, "/api/audit", "/api/audit?limit=1", "audit"),
                new Endpoint(HttpMethod.GET, "/api/audit/{id}/xml", "/api/audit/x-1-0/xml", "audit"),
                new Endpoint(HttpMethod.GET, "/fhir/AuditEvent", "/fhir/AuditEvent?_count=1", "fhir"),
                new Endpoint(HttpMethod.GET, "/fhir/AuditEvent/{id}", "/fhir/AuditEvent/x-1-0", "fhir"),
                new Endpoint(HttpMethod.POST, "/fhir/AuditEvent/_search", "/fhir/AuditEvent/_search", "fhir"));
        for (Endpoint endpoint : trail) {
            assertUnauthenticated(send(endpoint, null), false);
            for (Role role : List.of(Role.READER, Role.INGEST, Role.MIGRATION_OPERATOR, Role.REFERRER)) {
                assertRefused(send(endpoint, clientCredentialsToken("as-" + role.claimValue(), "secret-" + role.claimValue())));
            }
            for (Role role : List.of(Role.AUDITOR, Role.ADMIN)) {
                assertPasses(send(endpoint, clientCredentialsToken("as-" + role.claimValue(), "secret-" + role.claimValue())));
            }
        }
    }

    @Test
    void aPatientScopedClientsTokenResponseNamesItsPatient() throws Exception {
        HttpResponse<String> scoped = tokenRequest("observations-app", "observations", "patient/Observation.rs");
        HttpResponse<String> unscoped = tokenRequest("as-reader", "secret-reader");

        assertThat(scoped.statusCode()).isEqualTo(200);
        assertThat(scoped.body()).contains("\"patient\":\"" + PATIENT_A + "\"", "\"scope\":\"patient/Observation.rs\"");
        assertThat(unscoped.body()).contains("access_token").doesNotContain("patient");
    }

    @Test
    void smartDiscoveryAndTheCapabilityStatementNameTheIssuer() throws Exception {
        HttpResponse<String> smart = http.send(HttpRequest.newBuilder(url("/.well-known/smart-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(url("/fhir/metadata")).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(smart.statusCode()).isEqualTo(200);
        assertThat(smart.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(smart.body()).contains("\"issuer\":\"" + ISSUER + "\"", "\"authorization_endpoint\":\"" + ISSUER + "/oauth2/authorize\"",
                "\"token_endpoint\":\"" + ISSUER + "/oauth2/token\"", "\"S256\"", "launch-standalone", "client-public",
                "client-confidential-symmetric", "permission-v1", "permission-v2", "context-standalone-patient", "patient/ImagingStudy.rs");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("SMART-on-FHIR", "http://terminology.hl7.org/CodeSystem/restful-security-service",
                "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris", ISSUER + "/oauth2/token");
    }

    /** A clinical read that passed the filter but found nothing: a not-found problem, an empty result, the index away (503). */
    private static void assertNoData(HttpResponse<String> response) {
        assertPasses(response);
        String body = response.body().strip();
        assertThat(response.statusCode() >= 400 || body.isEmpty() || body.equals("[]") || body.contains("\"total\":0"))
                .as(response.statusCode() + " " + body).isTrue();
    }

    private void assertUnauthenticated(HttpResponse<String> response, boolean tokenSent) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"VNA-UNAUTHENTICATED\"");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> {
            assertThat(h).startsWith("Bearer");
            if (tokenSent) {
                assertThat(h).contains("error=\"invalid_token\"");
            }
        });
    }

    private void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"VNA-REFUSED\"");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("insufficient_scope"));
    }

    private static void assertPasses(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
    }

    private HttpResponse<String> send(Endpoint endpoint, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(endpoint.samplePath())).timeout(Duration.ofSeconds(30))
                .method(endpoint.method().name(), endpoint.method() == HttpMethod.POST
                        ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String clientCredentialsToken(String client, String secret, String... scopes) throws IOException, InterruptedException {
        HttpResponse<String> response = tokenRequest(client, secret, scopes);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpResponse<String> tokenRequest(String client, String secret, String... scopes) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(url("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + (scopes.length == 0 ? "" : "&scope=" + String.join("+", scopes)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token signed with Spring's encoder (never by hand): expired, or of another issuer. */
    private static String sign(JWKSource<SecurityContext> keys, String issuer, Instant issuedAt, String... roles) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject("test").issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(Duration.ofMinutes(5))).claim("roles", List.of(roles)).build();
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static JWKSource<SecurityContext> otherKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate()).keyID(UUID.randomUUID().toString()).build()));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
