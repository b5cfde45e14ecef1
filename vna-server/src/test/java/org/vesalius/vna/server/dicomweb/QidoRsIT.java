package org.vesalius.vna.server.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.testsupport.peers.TestElasticsearch;

/**
 * QIDO-RS over HTTP against the real Elasticsearch of {@code ./vna test} (skipped without it):
 * a small designed archive (two patients sharing Patient ID 12345 under different issuers, three
 * studies, four series) stored by STOW-RS, then searched at every level and in every nested
 * form, in both formats, with paging. The table-driven acceptance over the sample and generated
 * data lives in the server-process tests; this one pins the HTTP contract.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QidoRsIT {

    static final String ES = System.getProperty("vna.test.elasticsearch.url", "");
    static final String PREFIX = "vnaqido-" + UUID.randomUUID().toString().substring(0, 8);
    static final String ROOT = "2.25.1" + (System.nanoTime() % 1_000_000_000L);
    static final String STUDY_A = ROOT + ".1";
    static final String STUDY_B = ROOT + ".2";
    static final String STUDY_C = ROOT + ".3";
    static final String CT_SOP = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR_SOP = "1.2.840.10008.5.1.4.1.1.4";
    static final String US_SOP = "1.2.840.10008.5.1.4.1.1.6.1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
        if (!ES.isBlank()) {
            registry.add("vna.elasticsearch.url", () -> ES);
            registry.add("vna.elasticsearch.index-prefix", () -> PREFIX);
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void store() throws Exception {
        TestElasticsearch.require();
        List<Dataset> all = new ArrayList<>();
        // Patient 12345 of PACS_A: a CT study, two series (3 + 1 instances)
        for (int i = 1; i <= 3; i++) {
            all.add(instance(STUDY_A, STUDY_A + ".1", STUDY_A + ".1." + i, CT_SOP, "CT", "12345", "PACS_A", "Doe^John",
                    "20200115", "101500", "ACC-A", "Chest CT", i));
        }
        all.add(instance(STUDY_A, STUDY_A + ".2", STUDY_A + ".2.1", CT_SOP, "CT", "12345", "PACS_A", "Doe^John",
                "20200115", "101500", "ACC-A", "Chest CT", 1));
        // Patient 12345 of PACS_B: an MR study, one series of 2
        for (int i = 1; i <= 2; i++) {
            all.add(instance(STUDY_B, STUDY_B + ".1", STUDY_B + ".1." + i, MR_SOP, "MR", "12345", "PACS_B",
                    "Müller^Jürgen", "20210620", "083000", "ACC-B", "Knee MR", i));
        }
        // Patient 999: an US study with one instance
        all.add(instance(STUDY_C, STUDY_C + ".1", STUDY_C + ".1.1", US_SOP, "US", "999", "PACS_A", "doe^jane",
                "20220310", "233000", "ACC-C", "Abdomen US", 1));
        HttpResponse<String> stow = stow(all);
        assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
        // The index refreshes within a second: wait until every instance is searchable, and the
        // study and series summaries written after them too.
        long deadline = System.nanoTime() + 30_000_000_000L;
        String ours = "?StudyInstanceUID=" + STUDY_A + "," + STUDY_B + "," + STUDY_C;
        while (uids(get("/dicomweb/instances" + ours, null), Tags.SOPInstanceUID).size() < all.size()
                || uids(get("/dicomweb/series" + ours, null), Tags.SeriesInstanceUID).size() < 4
                || uids(get("/dicomweb/studies" + ours, null), Tags.StudyInstanceUID).size() < 3) {
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

    /**
     * Person names match case-insensitively (PS3.4 C.2.2.2.1.1 allows it; what users expect).
     * Path (scoped to this test's studies where it is not already) | expected unique keys, by their last UID components. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/dicomweb/studies?{scope} | 1 2 3",
        "/dicomweb/studies?{scope}&PatientID=12345 | 1 2",
        "/dicomweb/studies?{scope}&PatientID=12345&IssuerOfPatientID=PACS_A | 1",
        "/dicomweb/studies?{scope}&PatientID=12345&IssuerOfPatientID=PACS_B | 2",
        "/dicomweb/studies?{scope}&PatientName=Doe* | 1 3",
        "/dicomweb/studies?{scope}&PatientName=DOE%5EJOHN | 1",
        "/dicomweb/studies?{scope}&PatientName=M%C3%BCller%5EJ%C3%BCrgen | 2",
        "/dicomweb/studies?{scope}&PatientName=*jane | 3",
        "/dicomweb/studies?{scope}&StudyDate=20210101- | 2 3",
        "/dicomweb/studies?{scope}&StudyDate=-20201231 | 1",
        "/dicomweb/studies?{scope}&StudyDate=20200101-20211231 | 1 2",
        "/dicomweb/studies?{scope}&StudyDate=20200115&StudyTime=1000-1100 | 1",
        "/dicomweb/studies?{scope}&ModalitiesInStudy=MR | 2",
        "/dicomweb/studies?{scope}&ModalitiesInStudy=CT,US | 1 3",
        "/dicomweb/studies?{scope}&AccessionNumber=ACC-? | 1 2 3",
        "/dicomweb/studies?{scope}&StudyDescription=*MR | 2",
        "/dicomweb/studies?{scope}&PatientID=nobody | ''",
        "/dicomweb/series?{scope}&Modality=CT | 1.1 1.2",
        "/dicomweb/series?{scope}&PatientID=12345 | 1.1 1.2 2.1",
        "/dicomweb/studies/{A}/series | 1.1 1.2",
        "/dicomweb/studies/{A}/series?SeriesInstanceUID={A}.2 | 1.2",
        "/dicomweb/studies/{A}/instances | 1.1.1 1.1.2 1.1.3 1.2.1",
        "/dicomweb/studies/{A}/series/{A}.1/instances | 1.1.1 1.1.2 1.1.3",
        "/dicomweb/studies/{A}/series/{A}.1/instances?InstanceNumber=2 | 1.1.2",
        "/dicomweb/instances?{scope}&Modality=MR | 2.1.1 2.1.2",
        "/dicomweb/instances?SOPInstanceUID={A}.1.3,{C}.1.1 | 1.1.3 3.1.1",
        "/dicomweb/instances?{scope}&SOPClassUID=" + US_SOP + " | 3.1.1",
    })
    void searches(String path, String expected) throws Exception {
        String p = path.replace("{scope}", "StudyInstanceUID=" + STUDY_A + "," + STUDY_B + "," + STUDY_C)
                .replace("{A}", STUDY_A).replace("{C}", STUDY_C);
        int level = p.contains("/instances") ? Tags.SOPInstanceUID : p.contains("/series") ? Tags.SeriesInstanceUID
                : Tags.StudyInstanceUID;
        HttpResponse<String> r = get(p, "application/dicom+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/dicom+json"));
        Set<String> got = new TreeSet<>();
        for (String uid : uids(r, level)) {
            got.add(uid.substring(ROOT.length() + 1));
        }
        Set<String> want = expected.isBlank() ? Set.of() : new TreeSet<>(List.of(expected.strip().split(" ")));
        assertThat(got).isEqualTo(want);
    }

    @Test
    void studyResultsCarryTheDefaultAttributesAndTheAggregates() throws Exception {
        List<Dataset> r = datasets(get("/dicomweb/studies?StudyInstanceUID=" + STUDY_A, "application/dicom+json"));
        assertThat(r).hasSize(1);
        Dataset a = r.get(0);
        assertThat(a.getString(Tags.PatientName)).isEqualTo("Doe^John");
        assertThat(a.getString(Tags.PatientID)).isEqualTo("12345");
        assertThat(a.getString(Tags.IssuerOfPatientID)).isEqualTo("PACS_A");
        assertThat(a.getString(Tags.StudyDate)).isEqualTo("20200115");
        assertThat(a.getString(Tags.AccessionNumber)).isEqualTo("ACC-A");
        assertThat(a.getString(Tags.NumberOfStudyRelatedSeries)).isEqualTo("2");
        assertThat(a.getString(Tags.NumberOfStudyRelatedInstances)).isEqualTo("4");
        assertThat(a.getStrings(Tags.ModalitiesInStudy)).containsExactly("CT");
        assertThat(a.getString(Tags.InstanceAvailability)).isEqualTo("ONLINE");
        assertThat(a.contains(Tags.StudyDescription)).as("not a default study attribute").isFalse();
    }

    @Test
    void includefieldAddsAttributesAndAllAddsEveryOne() throws Exception {
        Dataset one = datasets(get("/dicomweb/studies?StudyInstanceUID=" + STUDY_B + "&includefield=StudyDescription",
                "application/dicom+json")).get(0);
        assertThat(one.getString(Tags.StudyDescription)).isEqualTo("Knee MR");
        Dataset all = datasets(get("/dicomweb/studies?StudyInstanceUID=" + STUDY_B + "&includefield=all", null)).get(0);
        assertThat(all.getString(Tags.StudyDescription)).isEqualTo("Knee MR");
        assertThat(all.getString(Tags.PatientBirthDate)).isEqualTo("19700101");
        assertThat(all.getStrings(Tags.SOPClassesInStudy)).containsExactly(MR_SOP);
        Dataset instance = datasets(get("/dicomweb/instances?SOPInstanceUID=" + STUDY_B + ".1.2&includefield=all", null)).get(0);
        assertThat(instance.getString(Tags.InstanceNumber)).isEqualTo("2");
        assertThat(instance.getString(Tags.SeriesInstanceUID)).isEqualTo(STUDY_B + ".1");
        assertThat(instance.getString(Tags.StudyInstanceUID)).isEqualTo(STUDY_B);
    }

    @Test
    void limitAndOffsetPageWithAWarningWhileMoreFollow() throws Exception {
        String scope = "/dicomweb/studies/" + STUDY_A + "/instances?limit=3";
        HttpResponse<String> first = get(scope, null);
        assertThat(uids(first, Tags.SOPInstanceUID)).hasSize(3);
        assertThat(first.headers().allValues("Warning")).anySatisfy(w ->
                assertThat(w).startsWith("299 ").contains(org.vesalius.vna.archive.dicomweb.QidoRs.MORE_RESULTS));
        HttpResponse<String> last = get(scope + "&offset=3", null);
        assertThat(uids(last, Tags.SOPInstanceUID)).hasSize(1);
        assertThat(last.headers().allValues("Warning")).isEmpty();
        Set<String> both = new TreeSet<>(uids(first, Tags.SOPInstanceUID));
        both.addAll(uids(last, Tags.SOPInstanceUID));
        assertThat(both).as("pages neither overlap nor leave gaps").hasSize(4);
        assertThat(uids(get(scope + "&offset=4", null), Tags.SOPInstanceUID)).isEmpty();
    }

    @Test
    void multipartXmlCarriesOneNativeDocumentPerMatch() throws Exception {
        HttpResponse<String> r = get("/dicomweb/studies/" + STUDY_A + "/series",
                "multipart/related; type=\"application/dicom+xml\"");
        assertThat(r.statusCode()).isEqualTo(200);
        String type = r.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/related").contains("type=\"application/dicom+xml\"");
        Matcher m = Pattern.compile("boundary=([^;\\s]+)").matcher(type);
        assertThat(m.find()).isTrue();
        String boundary = m.group(1);
        String[] parts = r.body().split("--" + Pattern.quote(boundary));
        assertThat(parts[parts.length - 1]).startsWith("--");
        assertThat(Pattern.compile("<NativeDicomModel").matcher(r.body()).results().count()).isEqualTo(2);
        assertThat(r.body()).contains("Content-Type: application/dicom+xml").contains(STUDY_A + ".1").contains(STUDY_A + ".2");
    }

    @Test
    void noMatchIsAnEmptyArrayWith200() throws Exception {
        HttpResponse<String> r = get("/dicomweb/studies?StudyInstanceUID=1.2.3.4.5.6.7.8.9", "application/dicom+json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().strip()).isEqualTo("[]");
    }

    private static Dataset instance(String study, String series, String sop, String sopClass, String modality, String pid,
            String issuer, String name, String date, String time, String accession, String description, int number) {
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tags.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tags.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tags.StudyDate, VR.DA, date);
        ds.setString(Tags.StudyTime, VR.TM, time);
        ds.setString(Tags.AccessionNumber, VR.SH, accession);
        ds.setString(Tags.Modality, VR.CS, modality);
        ds.setString(Tags.StudyDescription, VR.LO, description);
        ds.setString(Tags.PatientName, VR.PN, name);
        ds.setString(Tags.PatientID, VR.LO, pid);
        ds.setString(Tags.IssuerOfPatientID, VR.LO, issuer);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tags.SeriesNumber, VR.IS, series.substring(series.lastIndexOf('.') + 1));
        ds.setString(Tags.InstanceNumber, VR.IS, Integer.toString(number));
        ds.setInt(Tags.Rows, VR.US, 2);
        ds.setInt(Tags.Columns, VR.US, 2);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setBytes(Tags.PixelData, VR.OW, new byte[8]);
        return ds;
    }

    private HttpResponse<String> stow(List<Dataset> instances) throws Exception {
        String boundary = "qido-it";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Dataset ds : instances) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
            try {
                DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), body, EncodingOptions.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            body.writeBytes("\r\n".getBytes(ISO_8859_1));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(ISO_8859_1));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Dataset> datasets(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try {
            return new DicomJsonReader().readAll(new java.io.ByteArrayInputStream(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> uids(HttpResponse<String> r, int tag) {
        List<String> out = new ArrayList<>();
        for (Dataset d : datasets(r)) {
            out.add(d.getString(tag));
        }
        return out;
    }
}
