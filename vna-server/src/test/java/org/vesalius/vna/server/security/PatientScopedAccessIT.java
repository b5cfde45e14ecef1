package org.vesalius.vna.server.security;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.security.ServerEndpoints.Endpoint;

/**
 * Patient-scoped tokens against the real Elasticsearch of {@code ./vna test} (skipped without
 * it), tokens required, the embedded issuer: four studies, of patient A ({@code PA-1} of
 * {@code HOSP}), patient B ({@code PB-2} of {@code HOSP}), patient A' ({@code PA-1} without
 * issuer: another patient) and a patient whose FHIR id is a hashed one (found by a lookup),
 * stored by STOW-RS. The referrer of A, and a SMART app with
 * {@code patient/} scopes for A, see exactly A's study through QIDO-RS (every level), every
 * WADO-RS and WADO-URI endpoint of the server (enumerated from its own mappings) and FHIR; asked
 * for B's study by its UIDs, every endpoint answers what it answers for UIDs the archive does not
 * hold. A reader sees all four.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientScopedAccessIT {

    static final String ISSUER = "http://issuer.scoped-it.test";
    static final String ES = TestElasticsearch.url();
    static final String PREFIX = "vnascoped-" + UUID.randomUUID().toString().substring(0, 8);
    static final String ROOT = "2.25.2" + (System.nanoTime() % 1_000_000_000L);
    /** UIDs of the same shape that no study has. */
    static final String ABSENT = "2.25.3" + (System.nanoTime() % 1_000_000_000L);
    static final PatientId A = new PatientId("PA-1", "HOSP");
    static final PatientId B = new PatientId("PB-2", "HOSP");
    static final PatientId A_WITHOUT_ISSUER = new PatientId("PA-1", "");
    /** Patient ID and issuer over 47 bytes: its FHIR id is hashed and found by a lookup. */
    static final PatientId LONG = new PatientId("PL-" + "7".repeat(57), "HOSP");
    static final String STUDY_A = ROOT + ".1";
    static final String STUDY_B = ROOT + ".2";
    static final String STUDY_C = ROOT + ".3";
    static final String STUDY_D = ROOT + ".4";
    static final String SCOPE = "StudyInstanceUID=" + STUDY_A + "," + STUDY_B + "," + STUDY_C + "," + STUDY_D;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ServerTestSupport.tempBlobRoot(registry);
        if (!ES.isBlank()) {
            registry.add("vna.elasticsearch.url", () -> ES);
            registry.add("vna.elasticsearch.index-prefix", () -> PREFIX);
        }
        Path file = Files.createTempFile("vna-issuer-", ".properties");
        Files.writeString(file, """
                client.loader.secret={noop}loader
                client.loader.grants=client_credentials
                client.loader.roles=ingest
                client.reader.secret={noop}reader
                client.reader.grants=client_credentials
                client.reader.roles=reader
                client.referrer-a.secret={noop}referrer
                client.referrer-a.grants=client_credentials
                client.referrer-a.roles=referrer
                client.referrer-a.patient=%1$s
                client.smart-a.secret={noop}smart
                client.smart-a.grants=client_credentials
                client.smart-a.scopes=patient/ImagingStudy.rs,patient/Patient.rs
                client.smart-a.patient=%1$s
                client.referrer-long.secret={noop}long
                client.referrer-long.grants=client_credentials
                client.referrer-long.roles=referrer
                client.referrer-long.patient=%2$s
                """.formatted(PatientIds.of(A), PatientIds.of(LONG)));
        registry.add("vna.security.enabled", () -> "true");
        registry.add("vna.security.issuer-uri", () -> ISSUER);
        registry.add("vna.security.embedded-issuer.enabled", () -> "true");
        registry.add("vna.security.embedded-issuer.file", file::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    final HttpClient http = HttpClient.newHttpClient();
    String reader;
    String referrer;
    String smartApp;

    @BeforeAll
    void store() throws Exception {
        TestElasticsearch.require();
        reader = token("reader", "reader");
        referrer = token("referrer-a", "referrer");
        smartApp = token("smart-a", "smart", "patient/ImagingStudy.rs", "patient/Patient.rs");
        List<Dataset> all = new ArrayList<>();
        all.add(instance(STUDY_A, 1, A, "Able^Anna"));
        all.add(instance(STUDY_A, 2, A, "Able^Anna"));
        all.add(instance(STUDY_B, 1, B, "Baker^Bob"));
        all.add(instance(STUDY_C, 1, A_WITHOUT_ISSUER, "Able^Anna"));
        all.add(instance(STUDY_D, 1, LONG, "Long^Lou"));
        HttpResponse<String> stow = stow(all, token("loader", "loader"));
        assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (uids(get("/dicomweb/instances?" + SCOPE, reader), Tags.SOPInstanceUID).size() < all.size()
                || uids(get("/dicomweb/studies?" + SCOPE, reader), Tags.StudyInstanceUID).size() < 4) {
            assertThat(System.nanoTime()).as("instances searchable within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @AfterAll
    void dropIndex() throws Exception {
        if (!ES.isBlank()) {
            http.send(HttpRequest.newBuilder(URI.create(ES + "/" + PREFIX + "-instances-v2")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(URI.create(ES + "/_index_template/" + PREFIX + "-instances-template")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void qidoShowsTheReferrerItsPatientOnlyAtEveryLevel() throws Exception {
        for (String token : List.of(referrer, smartApp)) {
            assertThat(uids(get("/dicomweb/studies?" + SCOPE, token), Tags.StudyInstanceUID)).containsExactly(STUDY_A);
            assertThat(uids(get("/dicomweb/series?" + SCOPE, token), Tags.SeriesInstanceUID)).containsExactly(STUDY_A + ".1");
            assertThat(uids(get("/dicomweb/instances?" + SCOPE, token), Tags.SOPInstanceUID)).containsExactly(STUDY_A + ".1.1", STUDY_A + ".1.2");
            assertThat(uids(get("/dicomweb/studies?PatientID=PB-2", token), Tags.StudyInstanceUID)).isEmpty();
            assertThat(uids(get("/dicomweb/studies?PatientID=PA-1&" + SCOPE, token), Tags.StudyInstanceUID)).containsExactly(STUDY_A);
            assertThat(uids(get("/dicomweb/studies/" + STUDY_B + "/series", token), Tags.SeriesInstanceUID)).isEmpty();
            assertThat(uids(get("/dicomweb/studies/" + STUDY_B + "/series/" + STUDY_B + ".1/instances", token), Tags.SOPInstanceUID)).isEmpty();
            assertThat(uids(get("/dicomweb/instances?SOPInstanceUID=" + STUDY_B + ".1.1", token), Tags.SOPInstanceUID)).isEmpty();
        }
        assertThat(uids(get("/dicomweb/studies?" + SCOPE, reader), Tags.StudyInstanceUID))
                .containsExactlyInAnyOrder(STUDY_A, STUDY_B, STUDY_C, STUDY_D);
        String longReferrer = token("referrer-long", "long");
        assertThat(uids(get("/dicomweb/studies?" + SCOPE, longReferrer), Tags.StudyInstanceUID)).containsExactly(STUDY_D);
        assertThat(get("/fhir/Patient/" + PatientIds.of(LONG), longReferrer).statusCode()).isEqualTo(200);
    }

    /**
     * Every DICOMweb and WADO-URI read of the server: for the referrer, B's study answers exactly
     * as a study the archive does not hold (status and body, UIDs aside), while the reader gets
     * it; A's study answers the referrer as it answers the reader.
     */
    @TestFactory
    Stream<DynamicTest> everyRetrieveAnswersAnotherPatientsStudyAsIfItDidNotExist() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : ServerEndpoints.of(context)) {
            AccessRule rule = AccessTable.ruleFor(endpoint.request()).orElseThrow();
            if (rule.read() == null || rule.read() == ClinicalRead.FHIR) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(endpoint.toString(), () -> {
                HttpResponse<String> referrerB = get(path(endpoint.pattern(), STUDY_B), referrer);
                HttpResponse<String> referrerAbsent = get(path(endpoint.pattern(), ABSENT + ".2"), referrer);
                HttpResponse<String> readerAbsent = get(path(endpoint.pattern(), ABSENT + ".2"), reader);
                HttpResponse<String> readerB = get(path(endpoint.pattern(), STUDY_B), reader);
                HttpResponse<String> referrerA = get(path(endpoint.pattern(), STUDY_A), referrer);
                HttpResponse<String> readerA = get(path(endpoint.pattern(), STUDY_A), reader);

                assertThat(referrerB.statusCode()).as("B for the referrer, like an absent study: " + referrerB.body())
                        .isEqualTo(referrerAbsent.statusCode()).isEqualTo(readerAbsent.statusCode());
                assertThat(neutral(referrerB.body())).isEqualTo(neutral(referrerAbsent.body()));
                assertThat(referrerB.body()).doesNotContain("PB-2", "Baker");
                assertThat(referrerA.statusCode()).as("A for the referrer, like for the reader: " + referrerA.body())
                        .isEqualTo(readerA.statusCode());
                assertThat(readerB.statusCode()).as("B exists for the reader").isEqualTo(readerA.statusCode());
                if (rule.read().target(endpoint.request()).interaction() == SmartScope.Interaction.READ) {
                    assertThat(readerB.statusCode()).as("B exists: " + readerB.body()).isLessThan(300);
                    assertThat(referrerB.statusCode()).isGreaterThanOrEqualTo(400);
                } else {
                    assertThat(readerB.body()).as("B found by the reader").contains(STUDY_B);
                    assertThat(referrerB.body()).doesNotContain(STUDY_B);
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThan(15);
        return tests.stream();
    }

    @Test
    void fhirShowsTheReferrerItsPatientOnly() throws Exception {
        String patientA = PatientIds.of(A);
        String patientB = PatientIds.of(B);
        for (String token : List.of(referrer, smartApp)) {
            HttpResponse<String> studies = get("/fhir/ImagingStudy?_id=" + STUDY_A + "," + STUDY_B + "," + STUDY_C, token);
            assertThat(studies.statusCode()).as(studies.body()).isEqualTo(200);
            // (The self link repeats the UIDs asked for: the entries' ids tell.)
            assertThat(studies.body()).contains("\"id\":\"" + STUDY_A + "\"", "\"total\":1")
                    .doesNotContain("\"id\":\"" + STUDY_B + "\"", "\"id\":\"" + STUDY_C + "\"", "Baker");
            HttpResponse<String> ofB = get("/fhir/ImagingStudy?patient=Patient/" + patientB, token);
            assertThat(ofB.statusCode()).isEqualTo(200);
            assertThat(ofB.body()).doesNotContain(STUDY_B, "\"entry\"");
            assertThat(get("/fhir/ImagingStudy/" + STUDY_A, token).statusCode()).isEqualTo(200);
            assertThat(get("/fhir/Patient/" + patientA, token).statusCode()).isEqualTo(200);
            assertThat(get("/fhir/Patient?identifier=PB-2", token).body()).doesNotContain("Baker", "\"entry\"");
            HttpResponse<String> studyB = get("/fhir/ImagingStudy/" + STUDY_B, token);
            HttpResponse<String> absent = get("/fhir/ImagingStudy/" + ABSENT + ".2", token);
            assertThat(studyB.statusCode()).isEqualTo(404).isEqualTo(absent.statusCode());
            assertThat(studyB.body()).doesNotContain("PB-2", "Baker");
            assertThat(get("/fhir/Patient/" + patientB, token).statusCode()).isEqualTo(404);
            assertThat(get("/fhir/Patient/" + PatientIds.of(A_WITHOUT_ISSUER), token).statusCode()).isEqualTo(404);
        }
        assertThat(get("/fhir/ImagingStudy/" + STUDY_B, reader).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Patient/" + patientB, reader).statusCode()).isEqualTo(200);
    }

    @Test
    void theSmartAppsScopesBoundWhatItReads() throws Exception {
        String claims = new String(Base64.getUrlDecoder().decode(smartApp.split("\\.")[1]), StandardCharsets.UTF_8);

        assertThat(claims).contains("\"patient\":\"" + PatientIds.of(A) + "\"", "patient/ImagingStudy.rs").doesNotContain("\"roles\":[\"");
        assertThat(get("/fhir/Endpoint", smartApp).statusCode()).isEqualTo(200);  // with the ImagingStudy scope
        assertThat(get("/fhir/Observation", smartApp).statusCode()).isEqualTo(403);
        assertThat(get("/api/status", smartApp).statusCode()).isEqualTo(403);
        assertThat(get("/api/status", referrer).statusCode()).isEqualTo(403);
    }

    /** A concrete request for the endpoint's pattern about one study ({@code study}.1 its series, {@code study}.1.1 its instance). */
    static String path(String pattern, String study) {
        String series = study + ".1";
        String sop = series + ".1";
        if (pattern.equals("/wado")) {
            return "/wado?requestType=WADO&studyUID=" + study + "&seriesUID=" + series + "&objectUID=" + sop + "&contentType=application/dicom";
        }
        String path = pattern.replace("{study}", study).replace("{series}", series).replace("{instance}", sop)
                .replace("{frames}", "1").replace("{frame}", "1").replace("**", "7FE00010");
        return path.contains(study) ? path : path + "?StudyInstanceUID=" + study;  // the QIDO roots
    }

    /** A body with the UIDs of the three roots made alike. */
    static String neutral(String body) {
        return body.replace(ROOT, "R").replace(ABSENT, "R");
    }

    private String token(String client, String secret, String... scopes) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + (scopes.length == 0 ? "" : "&scope=" + String.join("+", scopes)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString(ISO_8859_1));
    }

    /** The values of one tag in a DICOM JSON answer. */
    private static Set<String> uids(HttpResponse<String> response, int tag) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Set<String> out = new TreeSet<>();
        for (Dataset d : new DicomJsonReader().readAll(new ByteArrayInputStream(response.body().getBytes(ISO_8859_1)))) {
            out.add(d.getString(tag));
        }
        return out;
    }

    private static Dataset instance(String study, int number, PatientId patient, String name) {
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tags.SOPInstanceUID, VR.UI, study + ".1." + number);
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        ds.setString(Tags.StudyDate, VR.DA, "20240102");
        ds.setString(Tags.Modality, VR.CS, "OT");
        ds.setString(Tags.PatientName, VR.PN, name);
        ds.setString(Tags.PatientID, VR.LO, patient.id());
        if (patient.hasIssuer()) {
            ds.setString(Tags.IssuerOfPatientID, VR.LO, patient.issuer());
        }
        ds.setString(Tags.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tags.SeriesNumber, VR.IS, "1");
        ds.setString(Tags.InstanceNumber, VR.IS, Integer.toString(number));
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.Rows, VR.US, 2);
        ds.setInt(Tags.Columns, VR.US, 2);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setInt(Tags.BitsStored, VR.US, 12);
        ds.setInt(Tags.HighBit, VR.US, 11);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        ds.setBytes(Tags.PixelData, VR.OW, new byte[8]);
        return ds;
    }

    private HttpResponse<String> stow(List<Dataset> instances, String token) throws Exception {
        String boundary = "scoped-it";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Dataset ds : instances) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
            DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), body, EncodingOptions.DEFAULT);
            body.writeBytes("\r\n".getBytes(ISO_8859_1));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(ISO_8859_1));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
