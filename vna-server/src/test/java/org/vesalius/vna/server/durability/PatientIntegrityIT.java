package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.Poll;
import org.vesalius.vna.server.process.TinyInstance;

/**
 * An instance injected into another patient's study (issue 13, "STOW/C-STORE integrity"), against
 * the real server process and a real Elasticsearch: a study of one patient is stored; an instance
 * of the same Study Instance UID naming another patient (and a lower SOP Instance UID, which the
 * old summary rule would have shown) is refused by STOW-RS (409, Failure Reason C409) and by
 * C-STORE from dcmtk's storescu (status C409 with an Error Comment naming Patient ID); nothing of
 * it is stored, and QIDO-RS still shows the study's own patient.
 */
class PatientIntegrityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STUDY = "1.2.826.0.1.3680043.10.1338.13";
    private static final String SERIES = STUDY + ".1";
    private static final Duration GUARD = Duration.ofMinutes(2);
    private static final int PATIENT_MISMATCH = 0xC409;

    private static Path scratch;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        String es = TestElasticsearch.require();
        Checkout.requireServerJar();
        scratch = Checkout.newScratchDirectory("patient-integrity");
        server = ServerProcess.builder("patient-integrity").dataDirectory(scratch.resolve("server")).elasticsearch(es).build();
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
    void anInstanceOfAnotherPatientIsRefusedByStowAndCStoreAndQidoKeepsTheStudysPatient() throws Exception {
        StowInstance original = instance(SERIES + ".5", "ORIG-1", "Original^Patient", "19600101");
        assertThat(original.send(server).statusCode()).isEqualTo(200);

        // STOW-RS: refused, the only part, so 409; the reason is the patient mismatch.
        StowInstance injected = instance(SERIES + ".1", "INJ-9", "Injected^Patient", "19990909");
        var refused = injected.send(server);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(StowInstance.failureReasons(refused)).containsExactly(java.util.Map.entry(injected.sop(), PATIENT_MISMATCH));
        assertThat(StowInstance.referenced(refused)).isEmpty();

        // The same name under the study's Patient ID, another birth date: refused too.
        var birthDate = instance(SERIES + ".2", "ORIG-1", "Original^Patient", "19991231").send(server);
        assertThat(birthDate.statusCode()).as(birthDate.body()).isEqualTo(409);

        // The study's own patient, sent again with another instance: stored.
        assertThat(instance(SERIES + ".6", "ORIG-1", "ORIGINAL^PATIENT", "19600101").send(server).statusCode()).isEqualTo(200);

        // QIDO-RS: both of the study's instances, under its own patient.
        JsonNode study = Poll.until("the study with two instances in QIDO-RS", GUARD, () -> qidoStudy(),
                s -> s != null && "2".equals(value(s, "00201208")));
        assertThat(value(study, "00100020")).isEqualTo("ORIG-1");
        assertThat(study.path("00100010").path("Value").path(0).path("Alphabetic").asText()).isEqualTo("Original^Patient");
        assertThat(value(study, "00100030")).isEqualTo("19600101");

        // C-STORE from dcmtk's storescu: the failure status and an Error Comment naming the attribute.
        Dcmtk.require("storescu");
        Path file = scratch.resolve("injected.dcm");
        Files.write(file, injected.part10());
        String out = storescu(file);
        assertThat(out).containsIgnoringCase("Status").containsIgnoringCase("0xc409");
        assertThat(out).contains("patient contradicts study: PatientID");

        // Nothing of the refused instances is in the blob store; QIDO-RS still shows the study's patient.
        try (Stream<Path> files = Files.walk(server.blobRoot())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dcm")))
                    .containsExactlyInAnyOrder(SERIES + ".5.dcm", SERIES + ".6.dcm");
        }
        JsonNode after = qidoStudy();
        assertThat(value(after, "00100020")).isEqualTo("ORIG-1");
        assertThat(value(after, "00201208")).isEqualTo("2");
    }

    private static StowInstance instance(String sop, String patientId, String name, String birthDate) throws Exception {
        Dataset ds = TinyInstance.dataset(STUDY, patientId, name);
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tags.PatientBirthDate, VR.DA, birthDate);
        return new StowInstance(STUDY, SERIES, sop, TinyInstance.part10(ds));
    }

    private static JsonNode qidoStudy() throws Exception {
        var r = server.get("/dicomweb/studies?StudyInstanceUID=" + STUDY, "application/dicom+json");
        if (r.statusCode() != 200) {
            return null;
        }
        JsonNode rows = JSON.readTree(r.body());
        return rows.isArray() && rows.size() == 1 ? rows.get(0) : null;
    }

    private static String value(JsonNode row, String tag) {
        return row.path(tag).path("Value").path(0).asText(null);
    }

    /** storescu's debug output: the response's Status and Error Comment. */
    private static String storescu(Path file) throws Exception {
        Process p = new ProcessBuilder("storescu", "-d", "-aet", "STORESCU", "-aec", ServerProcess.AE_TITLE, "127.0.0.1",
                String.valueOf(server.dicomPort()), file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
