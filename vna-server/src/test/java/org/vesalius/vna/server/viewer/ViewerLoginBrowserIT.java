package org.vesalius.vna.server.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.server.process.Checkout;

/**
 * The OHIF Viewer with tokens required ({@code vna.security.enabled=true}) and the embedded
 * issuer, as {@code ./vna start} runs them: headless Chromium opens the viewer, which sends it to
 * the issuer's login form (authorization code + PKCE, client {@code ohif-viewer}); the browser
 * script logs in as the file's user and comes back through {@code /viewer/callback}; the study
 * list shows the study and its CT series renders, every DICOMweb request carrying the viewer's
 * bearer token. The page is opened at {@code localhost} while the issuer is {@code 127.0.0.1}
 * (the authority must equal the {@code iss} the archive checks): the viewer reads the discovery
 * document and exchanges its code across origins, through the issuer's CORS. Without a token
 * DICOMweb answers 401, and the viewer's client gets no code without PKCE. A second study, of
 * another patient, is stored too: the reader's list shows both, while a patient's own login (role
 * referrer, a {@code patient} in the issuer file) lists and opens only that patient's study. The
 * cases without tokens are {@link ViewerBrowserIT}'s.
 *
 * <p>Same prerequisites as {@link ViewerBrowserIT}; output in {@code target/viewer-login-it/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerLoginBrowserIT {

    static final String PREFIX = "vnaviewerlogin-" + UUID.randomUUID().toString().substring(0, 8);
    /** The issuer URI names the port, so it is chosen before the server starts. */
    static final int PORT = ViewerBrowserIT.freePort();
    static final String ISSUER = "http://127.0.0.1:" + PORT;
    static final String USER = "radiologist";
    static final String PASSWORD = UUID.randomUUID().toString();
    static final String CLIENT_SECRET = UUID.randomUUID().toString();
    /** A patient's own login (a portal): role referrer, the patient of the CT study. */
    static final String PATIENT_USER = "portal-patient";
    static final String PATIENT_PASSWORD = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ServerTestSupport.tempBlobRoot(registry);
        if (!ViewerBrowserIT.ES.isBlank()) {
            registry.add("vna.elasticsearch.url", () -> ViewerBrowserIT.ES);
            registry.add("vna.elasticsearch.index-prefix", () -> PREFIX);
        }
        if (!ViewerBrowserIT.VIEWER.isBlank()) {
            registry.add("vna.viewer.directory", () -> ViewerBrowserIT.VIEWER);
        }
        // The patient-scoped user's patient: the CT study's, known before the server starts (the data set is seeded).
        List<SyntheticManifest.Entry> studies = ViewerTestStudy.preview(Checkout.buildDirectory().resolve("viewer-login-it-preview"));
        String patient = PatientIds.of(new PatientId(studies.get(0).patientId(), studies.get(0).issuerOfPatientId()));
        // As ./vna start writes it (scripts/vna/server.sh), with a client that stores and searches for the test itself.
        Path file = Files.createTempFile("vna-viewer-issuer-", ".properties");
        file.toFile().deleteOnExit();
        Files.writeString(file, String.join("\n",
                "client.viewer-it.secret={noop}" + CLIENT_SECRET,
                "client.viewer-it.grants=client_credentials",
                "client.viewer-it.roles=ingest,reader",
                "client.ohif-viewer.grants=authorization_code",
                "client.ohif-viewer.redirect-uris=http://127.0.0.1:" + PORT + "/viewer/callback,http://localhost:" + PORT + "/viewer/callback",
                "client.ohif-viewer.scopes=openid,profile",
                "user." + USER + ".password={noop}" + PASSWORD,
                "user." + USER + ".roles=reader",
                "user." + PATIENT_USER + ".password={noop}" + PATIENT_PASSWORD,
                "user." + PATIENT_USER + ".roles=referrer",
                "user." + PATIENT_USER + ".patient=" + patient, ""));
        registry.add("server.port", () -> PORT);
        registry.add("vna.security.enabled", () -> "true");
        registry.add("vna.security.issuer-uri", () -> ISSUER);
        registry.add("vna.security.embedded-issuer.enabled", () -> "true");
        registry.add("vna.security.embedded-issuer.file", file::toString);
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Path out = Checkout.buildDirectory().resolve("viewer-login-it");
    private ViewerTestStudy loaded;
    private ViewerTestStudy other;
    private JsonNode result;
    private JsonNode patientResult;
    private final List<JsonNode> requests = new ArrayList<>();
    private final List<JsonNode> patientRequests = new ArrayList<>();

    @BeforeAll
    void loadAStudyAndLogInInTheBrowser() throws Exception {
        ViewerBrowserIT.requirePrerequisites();
        loaded = ViewerTestStudy.load(out, ISSUER, clientCredentialsToken());
        other = loaded.loadOther(out);
        loaded.browser(out, Map.of("VNA_VIEWER_PASSWORD", PASSWORD), "--url", "http://localhost:" + PORT, "--user", USER);
        result = json.readTree(out.resolve("result.json").toFile());
        json.readTree(out.resolve("requests.json").toFile()).forEach(requests::add);
        Path patientOut = out.resolve("patient-login");
        loaded.browser(patientOut, Map.of("VNA_VIEWER_PASSWORD", PATIENT_PASSWORD), "--url", "http://localhost:" + PORT, "--user", PATIENT_USER);
        patientResult = json.readTree(patientOut.resolve("result.json").toFile());
        json.readTree(patientOut.resolve("requests.json").toFile()).forEach(patientRequests::add);
    }

    @AfterAll
    void dropIndex() throws Exception {
        if (!ViewerBrowserIT.ES.isBlank()) {
            TestIndexes.drop(ViewerBrowserIT.ES, PREFIX);
        }
    }

    @Test
    void theViewerSendsTheBrowserToTheIssuersLoginFormAndBack() {
        assertThat(result.path("login").path("form").asText()).as("the login form the viewer sent the browser to (see %s)", out)
                .startsWith(ISSUER + "/login");
        assertThat(result.path("login").path("returned").asBoolean()).as("back in the viewer after the login (see %s)", out).isTrue();
    }

    @Test
    void theLoggedInViewerListsTheStudyAndRendersItWithItsToken() {
        assertThat(result.path("studyList").path("shown").asBoolean())
                .as("study list (see %s) shows %s; it showed:%n%s", out.resolve("study-list.png"), loaded.first().studyDescription(),
                        result.path("studyList").path("text").asText())
                .isTrue();
        assertThat(result.path("viewer").path("error").isNull())
                .as("viewer error: %s (see %s, console.log)", result.path("viewer").path("error").asText(), out.resolve("viewer.png"))
                .isTrue();
        assertThat(result.path("viewer").path("notBlank").asBoolean()).as("the canvas in the page is not blank").isTrue();
        assertThat(requests).as("QIDO-RS and WADO-RS frames").anySatisfy(r -> assertThat(r.get("path").asText()).startsWith("/dicomweb/studies?"))
                .anySatisfy(r -> assertThat(r.get("path").asText()).contains("/series/" + loaded.ctSeries() + "/instances/", "/frames/"));
        assertThat(requests).as("every DICOMweb request of the viewer carries its token and passes").allSatisfy(r -> {
            assertThat(r.path("authorization").asText()).as(r.toString()).isEqualTo("Bearer");
            assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(200);
        });
    }

    @Test
    void aPatientsOwnLoginListsOnlyThatPatientsStudiesWhereAReaderListsBoth() {
        // The list shows names, dates and descriptions (no Patient ID at this width); the two studies' descriptions differ.
        String mine = loaded.first().studyDescription();
        String theirs = other.first().studyDescription();
        assertThat(mine).isNotEqualTo(theirs);
        assertThat(result.path("studyList").path("text").asText()).as("the reader's study list (see %s)", out)
                .contains(mine, theirs);
        JsonNode list = patientResult.path("studyList");
        assertThat(list.path("shown").asBoolean()).as("the patient's study list (see %s) shows %s; it showed:%n%s",
                out.resolve("patient-login"), loaded.first().studyDescription(), list.path("text").asText()).isTrue();
        assertThat(list.path("text").asText()).as("the patient's study list").contains(mine).doesNotContain(theirs);
        assertThat(patientResult.path("viewer").path("notBlank").asBoolean()).as("the patient's own study renders").isTrue();
        assertThat(patientRequests).as("the patient's viewer searched and read with its token")
                .anySatisfy(r -> assertThat(r.get("path").asText()).startsWith("/dicomweb/studies?"))
                .allSatisfy(r -> assertThat(r.path("authorization").asText()).as(r.toString()).isEqualTo("Bearer"));
    }

    @Test
    void dicomWebWithoutATokenIs401AndTheLoginScriptNamesTheIssuer() throws Exception {
        String qido = ISSUER + "/dicomweb/studies?StudyInstanceUID=" + loaded.first().studyInstanceUid();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(qido)).header("Accept", "application/dicom+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));

        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(ISSUER + ViewerLoginScript.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("window.vesaliusLogin = {\"authority\":\"" + ISSUER + "\",\"clientId\":\"ohif-viewer\"}");
    }

    @Test
    void theViewersClientMustUsePkce() throws Exception {
        String callback = URLEncoder.encode(ISSUER + "/viewer/callback", StandardCharsets.UTF_8);
        String authorize = ISSUER + "/oauth2/authorize?response_type=code&client_id=ohif-viewer&scope=openid&state=s&redirect_uri=" + callback;
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> withoutPkce = noRedirects.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutPkce.statusCode()).as(withoutPkce.body()).isEqualTo(302);
        assertThat(withoutPkce.headers().firstValue("Location")).as("no code without a code challenge")
                .hasValueSatisfying(l -> assertThat(l).startsWith(ISSUER + "/viewer/callback?").contains("error=invalid_request"));
        HttpResponse<String> withPkce = noRedirects.send(HttpRequest.newBuilder(URI.create(authorize
                + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withPkce.headers().firstValue("Location")).as("with one, a browser without a session goes to the login form")
                .hasValueSatisfying(l -> assertThat(l).isEqualTo(ISSUER + "/login"));
    }

    private String clientCredentialsToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("viewer-it:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).as("a token of the embedded issuer: %s", response.body()).isTrue();
        return token.group(1);
    }
}
