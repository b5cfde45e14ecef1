package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.testsupport.Prerequisites;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.fhir.R4Validation;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.Poll;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.TinyInstance;

/**
 * ADT over MLLP end to end (issue 14), against the real server process, a real Elasticsearch and
 * Debian's {@code mllp_send} as the RIS: studies stored by STOW-RS; an A08 renames their patient in
 * QIDO-RS, in the headers WADO-RS and C-GET serve (pixel data as stored), in C-FIND and in FHIR
 * Patient; an A40 merges a second patient into the first (QIDO-RS by either ID; FHIR reads the prior
 * as an inactive Patient replaced-by the first); the inverse merge
 * is refused (AE, 205) and changes nothing; an A08 for the same Patient ID under another assigning
 * authority touches nothing of ours; an A47 moves everything to a new identifier. The hospital's MRN
 * authority ({@code vna.hl7.local-authority=HOSP}) is the one the modalities send no issuer for.
 */
class Hl7AdtIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STUDY_1 = "1.2.826.0.1.3680043.10.1338.14.1";
    private static final String STUDY_2 = "1.2.826.0.1.3680043.10.1338.14.2";
    private static final Duration GUARD = Duration.ofMinutes(2);
    private static final String MSH = "MSH|^~\\&|RIS|HOSP|VESALIUS|HOSP|20261207100000||";

    private static Path scratch;
    private static ServerProcess server;
    private static int hl7Port;

    @BeforeAll
    static void start() throws Exception {
        Prerequisites.requireCommand("mllp_send", "Debian package python3-hl7");
        String es = TestElasticsearch.require();
        Checkout.requireServerJar();
        scratch = Checkout.newScratchDirectory("hl7-adt");
        try (ServerSocket free = new ServerSocket(0)) {
            hl7Port = free.getLocalPort();
        }
        server = MllpSend.server("hl7-adt", scratch, es, hl7Port).property("vna.hl7.local-authority", "HOSP").build();
        server.start();
        server.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (scratch != null) {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }

    @Test
    void adtRenamesAndMergesPatientsEverywhereAndRefusesALoop() throws Exception {
        store(STUDY_1, "ADT-1", "Before^Name");
        store(STUDY_2, "ADT-2", "Second^Patient");
        Poll.until("both studies in QIDO-RS", GUARD, () -> studies("PatientID=ADT-1").size() + studies("PatientID=ADT-2").size(),
                n -> n == 2);

        // A08: the new name in QIDO-RS and in the header WADO-RS serves.
        assertThat(send(MSH + "ADT^A08^ADT_A01|A08-1|P|2.3.1", "EVN|A08|20261207", "PID|1||ADT-1^^^HOSP^MR||Renamed^Anna^^^Dr||19700102|F"))
                .contains("MSA|AA|A08-1");
        JsonNode renamed = Poll.until("the new name in QIDO-RS", GUARD, () -> single(studies("PatientID=ADT-1")),
                s -> s != null && "Renamed^Anna^^Dr".equals(name(s)));
        assertThat(renamed.path("00100030").path("Value").path(0).asText()).isEqualTo("19700102");
        var metadata = server.get("/dicomweb/studies/" + STUDY_1 + "/metadata", "application/dicom+json");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(name(JSON.readTree(metadata.body()).get(0))).isEqualTo("Renamed^Anna^^Dr");
        // C-FIND (dcmtk's findscu) answers with the new name; C-GET (getscu) delivers it in the header,
        // the pixel data as stored; FHIR Patient has it.
        Dcmtk.require("findscu", "getscu");
        Dcmtk.Result find = Dcmtk.run(List.of("findscu", "-v", "-S", "-aet", "FINDSCU", "-aec", ServerProcess.AE_TITLE,
                "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=ADT-1", "-k", "PatientName", "-k", "StudyInstanceUID",
                "127.0.0.1", String.valueOf(server.dicomPort())));
        assertThat(find.stdout() + find.stderr()).contains("Renamed^Anna^^Dr");
        Path received = Files.createDirectories(scratch.resolve("c-get"));
        Dcmtk.Result get = Dcmtk.run(List.of("getscu", "-S", "-aet", "GETSCU", "-aec", ServerProcess.AE_TITLE, "-od", received.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY_1, "127.0.0.1", String.valueOf(server.dicomPort())));
        assertThat(get.ok()).as(get.stdout() + get.stderr()).isTrue();
        try (var files = Files.list(received)) {
            DicomFile delivered = DicomReader.read(files.findFirst().orElseThrow());
            assertThat(delivered.dataset().getString(Tags.PatientName)).isEqualTo("Renamed^Anna^^Dr");
            assertThat(delivered.dataset().getBytes(Tags.PixelData)).isEqualTo(new byte[64]);
        }
        var patient = server.get("/fhir/Patient?identifier=ADT-1", "application/fhir+json");
        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(patient.body()).contains("\"Renamed\"").contains("\"Anna\"");

        // The same Patient ID under another authority is another patient: nothing of ours changes.
        assertThat(send(MSH + "ADT^A08^ADT_A01|A08-2|P|2.5.1", "EVN|A08", "PID|1||ADT-1^^^OTHER||Stranger^Sam"))
                .contains("MSA|AA|A08-2");

        // A40: ADT-2 merged into ADT-1; both studies are ADT-1's.
        assertThat(send(MSH + "ADT^A40^ADT_A39|A40-1|P|2.5.1", "EVN|A40", "PID|1||ADT-1^^^HOSP||Renamed^Anna^^^Dr", "MRG|ADT-2^^^HOSP"))
                .contains("MSA|AA|A40-1");
        Poll.until("both studies under ADT-1", GUARD, () -> studies("PatientID=ADT-1").size(), n -> n == 2);
        assertThat(studies("PatientID=ADT-2")).isEmpty();
        // FHIR: the prior is a Patient no longer active, replaced by the target.
        var prior = server.get("/fhir/Patient/" + PatientIds.of(new PatientId("ADT-2", "")), "application/fhir+json");
        assertThat(prior.statusCode()).as(prior.body()).isEqualTo(200);
        JsonNode priorPatient = JSON.readTree(prior.body());
        assertThat(priorPatient.path("active").asBoolean(true)).isFalse();
        assertThat(priorPatient.path("link").get(0).path("type").asText()).isEqualTo("replaced-by");
        assertThat(priorPatient.path("link").get(0).path("other").path("reference").asText())
                .isEqualTo("Patient/" + PatientIds.of(new PatientId("ADT-1", "")));
        assertThat(R4Validation.errors(R4Validation.validator(ca.uhn.fhir.context.FhirContext.forR4Cached()), prior.body()))
                .as("the merged Patient is valid R4").isEmpty();
        assertThat(server.get("/fhir/Patient/" + PatientIds.of(new PatientId("NEVER-SEEN", "")), "application/fhir+json").statusCode())
                .isEqualTo(404);
        // ... and the target replaces it.
        JsonNode target = JSON.readTree(server.get("/fhir/Patient/" + PatientIds.of(new PatientId("ADT-1", "")),
                "application/fhir+json").body());
        assertThat(target.path("link").toString()).contains("\"replaces\"")
                .contains("Patient/" + PatientIds.of(new PatientId("ADT-2", "")));

        // A24 links two records of one person that both stay (seealso on each); A37 unlinks them. A self-link is refused.
        store("1.2.826.0.1.3680043.10.543.77.3", "ADT-3", "Other^Record");
        Poll.until("ADT-3's study", GUARD, () -> studies("PatientID=ADT-3").size(), n -> n == 1);
        assertThat(send(MSH + "ADT^A24^ADT_A24|A24-1|P|2.5.1", "EVN|A24", "PID|1||ADT-1^^^HOSP", "PID|2||ADT-3^^^HOSP"))
                .contains("MSA|AA|A24-1");
        Poll.until("the link of ADT-3", GUARD, () -> patient("ADT-3").path("link").toString(),
                l -> l.contains("seealso") && l.contains("Patient/" + PatientIds.of(new PatientId("ADT-1", ""))));
        assertThat(patient("ADT-1").path("link").toString()).contains("seealso")
                .contains("Patient/" + PatientIds.of(new PatientId("ADT-3", "")));
        assertThat(send(MSH + "ADT^A24^ADT_A24|A24-2|P|2.5.1", "EVN|A24", "PID|1||ADT-3^^^HOSP", "PID|2||ADT-3^^^HOSP"))
                .contains("MSA|AE|A24-2").contains("205");
        assertThat(send(MSH + "ADT^A37^ADT_A37|A37-1|P|2.5.1", "EVN|A37", "PID|1||ADT-3^^^HOSP", "PID|2||ADT-1^^^HOSP"))
                .contains("MSA|AA|A37-1");
        Poll.until("ADT-3 unlinked", GUARD, () -> patient("ADT-3").path("link").toString(), l -> !l.contains("seealso"));
        assertThat(studies("PatientID=ADT-3")).as("a link moves no study").hasSize(1);

        // The inverse merge would close a loop: refused with 205, nothing changes.
        assertThat(send(MSH + "ADT^A40^ADT_A39|A40-2|P|2.5.1", "EVN|A40", "PID|1||ADT-2^^^HOSP", "MRG|ADT-1^^^HOSP"))
                .contains("MSA|AE|A40-2").contains("205");
        Thread.sleep(2_000); // time for a merge applied by mistake to show (the index refreshes every second)
        assertThat(studies("PatientID=ADT-1")).hasSize(2);
        assertThat(studies("PatientID=ADT-2")).isEmpty();
        for (JsonNode study : studies("PatientID=ADT-1")) {
            assertThat(name(study)).as("no stranger's name").isEqualTo("Renamed^Anna^^Dr");
        }

        // Sent again (the RIS did not see our answer): acknowledged again, applied once.
        assertThat(send(MSH + "ADT^A08^ADT_A01|A08-1|P|2.3.1", "EVN|A08|20261207", "PID|1||ADT-1^^^HOSP^MR||Renamed^Anna^^^Dr||19700102|F"))
                .contains("MSA|AA|A08-1");
        assertThat(server.logTail(400)).contains("was accepted before");

        // The message log over HTTP: what was done and answered, newest first; bad filters are 400 problems.
        var merges = server.get("/api/hl7/messages?type=ADT%5EA40", "application/json");
        assertThat(merges.statusCode()).as(merges.body()).isEqualTo(200);
        JsonNode listed = JSON.readTree(merges.body());
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path("controlId").asText()).isEqualTo("A40-2");
        assertThat(listed.get(0).path("ack").asText()).isEqualTo("AE");
        assertThat(listed.get(1).path("outcome").asText()).startsWith("merged ADT-2 into ADT-1");
        for (String bad : List.of("ack=XX", "limit=0", "limit=abc", "bogus=1")) {
            var refused = server.get("/api/hl7/messages?" + bad, "application/json");
            assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("Exception");
        }

        // A47: the patient's identifier changes; its studies (its own and the merged ones) follow.
        assertThat(send(MSH + "ADT^A47^ADT_A30|A47-1|P|2.5.1", "EVN|A47", "PID|1||ADT-9^^^HOSP||Renamed^Anna^^^Dr", "MRG|ADT-1^^^HOSP"))
                .contains("MSA|AA|A47-1");
        Poll.until("both studies under ADT-9", GUARD, () -> studies("PatientID=ADT-9").size(), n -> n == 2);
        assertThat(studies("PatientID=ADT-1")).isEmpty();
    }

    @Test
    void namesInHl7CharacterSetsEndUpAsTheSameNamesStoredByDicom() throws Exception {
        record Case(String suffix, String specificCharacterSet, String msh18, Charset charset, String name) {
        }
        List<Case> cases = List.of(
                new Case("1", "ISO_IR 100", "8859/1", StandardCharsets.ISO_8859_1, "Müller^Jürgen"),
                new Case("2", "ISO_IR 192", "UNICODE UTF-8", StandardCharsets.UTF_8, "Ŝtefan^Ŭrsula"),
                new Case("3", "\\ISO 2022 IR 87", "ISO IR6~ISO IR87", Charset.forName("ISO-2022-JP"), "山田^太郎"));
        for (Case c : cases) {
            // By DICOM, in its Specific Character Set.
            Dataset ds = TinyInstance.dataset(STUDY_1 + ".9" + c.suffix(), "CS-DICOM-" + c.suffix(), c.name());
            ds.setString(Tags.SpecificCharacterSet, VR.CS, c.specificCharacterSet().split("\\\\"));
            ds.setString(Tags.PatientName, VR.PN, c.name()); // again: encoded in the character set now declared
            assertThat(TinyInstance.stow(server, null, TinyInstance.part10(ds)).statusCode()).isEqualTo(200);
            // A second patient, renamed by HL7 in MSH-18's character set.
            store(STUDY_1 + ".8" + c.suffix(), "CS-HL7-" + c.suffix(), "Placeholder^Name");
            Poll.until("the HL7 patient stored", GUARD, () -> studies("PatientID=CS-HL7-" + c.suffix()).size(), n -> n == 1);
            Path file = scratch.resolve("charset-" + c.suffix() + ".hl7");
            byte[] header = (MSH + "ADT^A08^ADT_A01|CS-" + c.suffix() + "|P|2.5.1||||||" + c.msh18() + "\rEVN|A08\rPID|1||CS-HL7-"
                    + c.suffix() + "^^^HOSP||").getBytes(StandardCharsets.US_ASCII);
            Files.write(file, concat(header, c.name().getBytes(c.charset()), "\r".getBytes(StandardCharsets.US_ASCII)));
            // mllp_send passes the file's bytes on as they are (HAPI's client re-encodes in the first repetition of MSH-18).
            assertThat(mllpSend(file)).contains("MSA|AA|CS-" + c.suffix());
            JsonNode byHl7 = Poll.until("the HL7 name in QIDO-RS", GUARD, () -> single(studies("PatientID=CS-HL7-" + c.suffix())),
                    s -> s != null && !"Placeholder^Name".equals(name(s)));
            JsonNode byDicom = single(studies("PatientID=CS-DICOM-" + c.suffix()));
            assertThat(byDicom).isNotNull();
            assertThat(byHl7.path("00100010").path("Value").path(0)).as(c.msh18())
                    .isEqualTo(byDicom.path("00100010").path("Value").path(0));
            assertThat(name(byHl7)).isEqualTo(c.name());
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }


    private static JsonNode patient(String id) throws Exception {
        return JSON.readTree(server.get("/fhir/Patient/" + PatientIds.of(new PatientId(id, "")), "application/fhir+json").body());
    }

    private static void store(String study, String patientId, String name) throws Exception {
        Dataset ds = TinyInstance.dataset(study, patientId, name);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19500101");
        var response = TinyInstance.stow(server, null, TinyInstance.part10(ds));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The answer mllp_send printed, segments on lines of their own made CR again. */
    private static String send(String... segments) throws Exception {
        return MllpSend.message(hl7Port, scratch, segments);
    }

    private static String mllpSend(Path file) throws Exception {
        return MllpSend.file(hl7Port, file);
    }

    private static List<JsonNode> studies(String query) throws Exception {
        var r = server.get("/dicomweb/studies?" + query + "&includefield=00100030", "application/dicom+json");
        List<JsonNode> rows = new ArrayList<>();
        if (r.statusCode() == 200) {
            JSON.readTree(r.body()).forEach(rows::add);
        }
        return rows;
    }

    private static JsonNode single(List<JsonNode> rows) {
        return rows.size() == 1 ? rows.get(0) : null;
    }

    private static String name(JsonNode row) {
        return row.path("00100010").path("Value").path(0).path("Alphabetic").asText(null);
    }
}
