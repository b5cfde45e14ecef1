package org.vesalius.vna.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ElasticsearchInstance;
import org.vesalius.vna.server.process.Poll;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.TinyInstance;

/**
 * The audit trail, queryable, against a real Elasticsearch of the test's own, with tokens required
 * (embedded issuer): a scripted session (STOW-RS, QIDO-RS, WADO-RS, a client with a wrong secret, a form login
 * with a wrong password and one with the right one, a
 * refused bearer token) is found exactly, record by record, through {@code /api/audit} and FHIR
 * AuditEvent search with an auditor's token; a reader's token is refused both; bad query values
 * are 400 (problem, OperationOutcome). Then Elasticsearch is stopped: a STOW still succeeds, the
 * trail answers 503, and the STOW's record is found once Elasticsearch is back.
 */
class AuditSearchIT {

    private static final Duration GUARD = Duration.ofMinutes(2);
    private static final String ISSUER = "http://issuer.vesalius.test";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aScriptedSessionIsFoundExactlyAndNothingIsLostWhileElasticsearchIsDown() throws Exception {
        Checkout.requireServerJar();
        Path scratch = Checkout.newScratchDirectory("audit-search");
        Path issuerFile = scratch.resolve("issuer.properties");
        StringBuilder clients = new StringBuilder();
        for (String role : List.of("ingest", "reader", "auditor")) {
            clients.append("client.as-").append(role).append(".secret={noop}secret-").append(role).append('\n')
                    .append("client.as-").append(role).append(".grants=client_credentials\n")
                    .append("client.as-").append(role).append(".roles=").append(role).append('\n');
        }
        clients.append("user.alice.password={noop}alice-pw\nuser.alice.roles=reader\n");
        Files.writeString(issuerFile, clients);
        try (ElasticsearchInstance es = ElasticsearchInstance.in(scratch.resolve("elasticsearch"));
                ServerProcess server = ServerProcess.builder("audit-search").dataDirectory(scratch.resolve("server")).elasticsearch(es.url())
                        .property("vna.audit.enabled", "true")
                        .property("vna.audit.retry-interval", "1s")
                        .property("vna.security.enabled", "true")
                        .property("vna.security.issuer-uri", ISSUER)
                        .property("vna.security.embedded-issuer.enabled", "true")
                        .property("vna.security.embedded-issuer.file", issuerFile.toString())
                        .build()) {
            try {
                es.start();
                server.start();
                server.awaitReady();
                Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                String ingest = token(server, "as-ingest", "secret-ingest");
                String reader = token(server, "as-reader", "secret-reader");
                String auditor = token(server, "as-auditor", "secret-auditor");

                // The session.
                String patient = "AUDIT-" + System.nanoTime();
                String study = "2.25." + Math.abs(System.nanoTime());
                assertThat(TinyInstance.stow(server, ingest, TinyInstance.of(study, patient, "Audit^Search")).statusCode()).isEqualTo(200);
                assertThat(get(server, "/dicomweb/studies?PatientID=" + patient, reader).statusCode()).isEqualTo(200);
                assertThat(get(server, "/dicomweb/studies/" + study + "/metadata", reader).statusCode()).isEqualTo(200);
                assertThat(tokenRequest(server, "as-reader", "not-the-secret").statusCode()).isEqualTo(401);
                assertThat(get(server, "/dicomweb/studies?PatientID=" + patient, "not-a-token").statusCode()).isEqualTo(401);
                assertThat(formLogin(server, "alice", "wrong-pw")).endsWith("/login?error");
                assertThat(formLogin(server, "alice", "alice-pw")).doesNotContain("error");

                // Found exactly through /api/audit.
                // (The auditor's own searches name the patient too, and join the trail while this polls: not counted here.)
                String byPatient = Poll.until("the STOW and QIDO records", GUARD, () -> get(server, "/api/audit?patient=" + patient + "&from=" + start,
                        auditor).body(), b -> count(b, "\"id\"") - count(b, "\"user\":\"as-auditor\"") >= 2);
                assertThat(count(byPatient, "\"id\"") - count(byPatient, "\"user\":\"as-auditor\"")).as(byPatient).isEqualTo(2);
                assertThat(byPatient).contains("\"type\":\"IMPORT\"", "\"user\":\"as-ingest\"", "\"type\":\"QUERY\"", "\"user\":\"as-reader\"");
                String byStudy = Poll.until("the WADO record", GUARD, () -> get(server, "/api/audit?study=" + study + "&user=as-reader", auditor).body(),
                        b -> count(b, "\"id\"") >= 1);
                assertThat(count(byStudy, "\"id\"")).isEqualTo(1);
                assertThat(byStudy).contains("\"type\":\"EXPORT\"", "\"user\":\"as-reader\"");
                String refusals = Poll.until("the failed logins and the refused token", GUARD, () -> get(server, "/api/audit?type=USER_AUTHENTICATION&outcome=MINOR_FAILURE&from=" + start, auditor).body(),
                        b -> count(b, "\"id\"") >= 3);
                assertThat(count(refusals, "\"id\"")).as(refusals).isEqualTo(3);
                assertThat(refusals).contains("\"user\":\"as-reader\"", "bearer token refused", "\"user\":\"alice\"")
                        .doesNotContain("not-the-secret", "not-a-token", "wrong-pw");
                // The index copy of the trail follows the queue asynchronously: alice's login may land after her refusal.
                String logins = Poll.until("the successful logins", GUARD, () -> get(server, "/api/audit?type=USER_AUTHENTICATION&outcome=SUCCESS&from="
                        + start, auditor).body(), b -> b.contains("\"user\":\"alice\""));
                assertThat(logins).contains("\"user\":\"as-ingest\"", "\"user\":\"as-reader\"", "\"user\":\"as-auditor\"",
                        "\"user\":\"alice\"");
                Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(byStudy);
                assertThat(id.find()).isTrue();
                HttpResponse<String> xml = get(server, "/api/audit/" + id.group(1) + "/xml", auditor);
                assertThat(xml.statusCode()).isEqualTo(200);
                assertThat(xml.body()).startsWith("<AuditMessage").contains(study);

                // The same through FHIR.
                String patientRef = "Patient/" + PatientIds.of(new PatientId(patient, ""));
                HttpResponse<String> fhir = get(server, "/fhir/AuditEvent?patient=" + patientRef + "&agent=as-reader&date=ge" + start
                        + "&_count=10", auditor);
                assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
                assertThat(count(fhir.body(), "\"resourceType\":\"AuditEvent\"")).isEqualTo(1);
                assertThat(fhir.body()).contains("110112", "as-reader");
                HttpResponse<String> persons = get(server, "/fhir/AuditEvent?entity-type=1&outcome=0&agent=as-ingest&date=ge" + start,
                        auditor);
                assertThat(count(persons.body(), "\"resourceType\":\"AuditEvent\"")).as(persons.body()).isEqualTo(1);
                HttpResponse<String> read = get(server, "/fhir/AuditEvent/" + id.group(1), auditor);
                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(read.body()).contains("\"resourceType\":\"AuditEvent\"", "urn:oid:" + study);

                // The auditor's searches are themselves in the trail.
                Poll.until("the auditor's own searches", GUARD, () -> get(server, "/api/audit?user=as-auditor&type=QUERY", auditor).body(),
                        b -> b.contains("\"user\":\"as-auditor\""));

                // Readers are refused; bad values are the client's error.
                assertThat(get(server, "/api/audit", reader).statusCode()).isEqualTo(403);
                assertThat(get(server, "/fhir/AuditEvent", reader).statusCode()).isEqualTo(403);
                assertThat(get(server, "/fhir/AuditEvent/" + id.group(1), reader).statusCode()).isEqualTo(403);
                // Refused by the access rules, each a Security Alert: no token (401), a role that is not admitted (403).
                assertThat(get(server, "/dicomweb/studies?PatientID=" + patient, null).statusCode()).isEqualTo(401);
                String alerts = Poll.until("the refusals of the access rules", GUARD, () -> get(server, "/api/audit?type=SECURITY_ALERT&from=" + start, auditor).body(), b -> count(b, "\"id\"") >= 4);
                assertThat(count(alerts, "\"id\"")).as(alerts).isEqualTo(4);
                assertThat(count(alerts, "\"user\":\"as-reader\"")).as(alerts).isEqualTo(3);
                assertThat(alerts).contains("no bearer token: GET /dicomweb/studies", "the token's roles do not admit it: GET /api/audit");
                for (String bad : List.of("from=yesterday", "to=2026-13-45", "limit=-1", "limit=99999999999", "limit=1001", "offset=x",
                        "offset=9999&limit=2", "outcome=GREAT", "type=EVERYTHING", "from=2026-12-08&to=2026-12-07", "drop=table")) {
                    HttpResponse<String> answer = get(server, "/api/audit?" + bad, auditor);
                    assertThat(answer.statusCode()).as(bad).isEqualTo(400);
                    assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(bad).startsWith("application/problem+json");
                }
                // (An empty FHIR date range is no error there: it matches nothing.)
                for (String bad : List.of("date=garbage", "date=ge2026-13-45", "_count=-5", "_count=x", "outcome=7", "entity-type=9",
                        "patient=Patient/%21%21")) {
                    HttpResponse<String> answer = get(server, "/fhir/AuditEvent?" + bad, auditor);
                    assertThat(answer.statusCode()).as(bad + ": " + answer.body()).isEqualTo(400);
                    assertThat(answer.body()).as(bad).contains("OperationOutcome");
                }

                // Elasticsearch down: the clinical request succeeds, the trail waits, nothing is lost.
                es.stop();
                String study2 = "2.25." + Math.abs(System.nanoTime());
                assertThat(TinyInstance.stow(server, ingest, TinyInstance.of(study2, patient, "Audit^Search")).statusCode()).isEqualTo(200);
                assertThat(get(server, "/api/audit?study=" + study2, auditor).statusCode()).isEqualTo(503);
                es.start();
                String after = Poll.until("the STOW made while Elasticsearch was down", GUARD, () -> get(server, "/api/audit?type=IMPORT&study=" + study2, auditor).body(), b -> count(b, "\"id\"") >= 1);
                assertThat(count(after, "\"id\"")).isEqualTo(1);
                assertThat(after).contains("\"type\":\"IMPORT\"", "\"user\":\"as-ingest\"", "\"outcome\":\"SUCCESS\"");
            } catch (Throwable t) {
                System.out.printf("AuditSearchIT failed; server log %s%n%s%n", server.log(), server.logTail(60));
                throw t;
            }
        }
    }

    private HttpResponse<String> get(ServerProcess server, String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(pathAndQuery)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The embedded issuer's form login, as a browser does it; returns where it sends the browser next. */
    private static String formLogin(ServerProcess server, String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(server.uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(server.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.headers().firstValue("Location").orElse("");
    }

    private String token(ServerProcess server, String client, String secret) throws Exception {
        HttpResponse<String> response = tokenRequest(server, client, secret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpResponse<String> tokenRequest(ServerProcess server, String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
