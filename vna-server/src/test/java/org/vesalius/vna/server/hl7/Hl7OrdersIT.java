package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
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
import org.vesalius.testsupport.Prerequisites;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.TestElasticsearch;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.fhir.R4Validation;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.Poll;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.TinyInstance;

/**
 * Orders over MLLP end to end (issue 14), against the real server process, a real Elasticsearch,
 * Debian's {@code mllp_send} as the RIS and dcmtk's {@code findscu -W} as the modality: an ORM^O01
 * becomes a worklist item the modality finds by its station AE, modality and date (with the
 * patient, accession, procedure and Study Instance UID the order gave) and not by another modality;
 * FHIR shows it as a ServiceRequest; a study then stored with its accession number is
 * {@code basedOn} that ServiceRequest; a cancel (ORC-1 CA) takes it off the worklist and revokes the
 * ServiceRequest; a cancel of an order never seen is refused (AE 204).
 */
class Hl7OrdersIT {

    private static final String STUDY = "1.2.826.0.1.3680043.10.1338.14.20";
    private static final Duration GUARD = Duration.ofMinutes(2);
    private static final String MSH = "MSH|^~\\&|RIS|HOSP|VESALIUS|HOSP|20261207100000||";
    private static final String PID = "PID|1||ORD-1^^^HOSP^MR||Ordered^Olga||19800203|F";
    private static final String ORDER_ID = WorklistItem.idOf("RIS", "PL-ORD-1");

    private static Path scratch;
    private static ServerProcess server;
    private static int hl7Port;

    @BeforeAll
    static void start() throws Exception {
        Prerequisites.requireCommand("mllp_send", "Debian package python3-hl7");
        Dcmtk.require("findscu");
        String es = TestElasticsearch.require();
        Checkout.requireServerJar();
        scratch = Checkout.newScratchDirectory("hl7-orders");
        try (ServerSocket free = new ServerSocket(0)) {
            hl7Port = free.getLocalPort();
        }
        server = MllpSend.server("hl7-orders", scratch, es, hl7Port).property("vna.hl7.local-authority", "HOSP")
                .property("vna.hl7.orders.stations.CT", "CT01").build();
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
    void anOrderIsOnTheWorklistInFhirAndTheStudyOfItIsBasedOnItUntilCancelled() throws Exception {
        assertThat(send(MSH + "ORM^O01^ORM_O01|ORM-1|P|2.3.1", PID, "PV1|1|O||||||^Referrer^Rita",
                "ORC|NW|PL-ORD-1^RIS|FL-ORD-1^PACS||SC||^^^20261208093000",
                "OBR|1|PL-ORD-1^RIS|FL-ORD-1^PACS|CTHEAD^CT Head^LOCAL||||||||||||^Orderer^Otto||ACC-ORD-1|RP-ORD-1|SPS-ORD-1||||CT",
                "ZDS|" + STUDY + "^100^Application^DICOM")).contains("MSA|AA|ORM-1");

        // The modality CT01 asks for today's CT steps of its station (dcmtk findscu -W), within the index's refresh.
        String found = Poll.until("the order on the worklist", GUARD, () -> worklist("CT", "CT01", "20261208"),
                out -> out.contains("ACC-ORD-1"));
        assertThat(found).contains("ACC-ORD-1").contains("Ordered^Olga").contains("ORD-1").contains(STUDY).contains("CT Head")
                .contains("SPS-ORD-1").contains("RP-ORD-1").contains("SCHEDULED");
        assertThat(worklist("MR", "CT01", "20261208")).as("another modality").doesNotContain("ACC-ORD-1");
        assertThat(worklist("CT", "CT01", "20261209")).as("another day").doesNotContain("ACC-ORD-1");
        assertThat(worklist("CT", "CT02", "20261208")).as("another station").doesNotContain("ACC-ORD-1");

        var request = server.get("/fhir/ServiceRequest/" + ORDER_ID, "application/fhir+json");
        assertThat(request.statusCode()).as(request.body()).isEqualTo(200);
        assertThat(request.body()).contains("\"status\":\"active\"").contains("ACC-ORD-1").contains("\"intent\":\"order\"");
        FhirValidator validator = R4Validation.validator(FhirContext.forR4Cached());
        assertThat(R4Validation.errors(validator, request.body())).as("ServiceRequest valid R4").isEmpty();
        assertThat(server.get("/fhir/ServiceRequest?identifier=ACC-ORD-1", "application/fhir+json").body()).contains(ORDER_ID);
        assertThat(server.get("/fhir/ServiceRequest?status=completed", "application/fhir+json").body()).doesNotContain(ORDER_ID);
        assertThat(server.get("/fhir/ServiceRequest?status=nonsense", "application/fhir+json").statusCode()).isEqualTo(400);

        // The study performed for it: ImagingStudy.basedOn names the ServiceRequest.
        Dataset ds = TinyInstance.dataset(STUDY, "ORD-1", "Ordered^Olga");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC-ORD-1");
        var stored = TinyInstance.stow(server, null, TinyInstance.part10(ds));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        String study = Poll.until("the study in FHIR", GUARD, () -> server.get("/fhir/ImagingStudy/" + STUDY, "application/fhir+json"),
                r -> r.statusCode() == 200).body();
        assertThat(study).contains("\"basedOn\"").contains("ServiceRequest/" + ORDER_ID);
        assertThat(R4Validation.errors(validator, study)).as("ImagingStudy valid R4").isEmpty();

        // Cancelled: off the worklist, revoked in FHIR; a cancel of an order never seen is refused.
        assertThat(send(MSH + "ORM^O01^ORM_O01|ORM-2|P|2.3.1", PID, "ORC|CA|PL-ORD-1^RIS")).contains("MSA|AA|ORM-2");
        Poll.until("the order off the worklist", GUARD, () -> worklist("CT", "CT01", "20261208"), out -> !out.contains("ACC-ORD-1"));
        assertThat(server.get("/fhir/ServiceRequest/" + ORDER_ID, "application/fhir+json").body()).contains("\"status\":\"revoked\"");
        assertThat(send(MSH + "ORM^O01^ORM_O01|ORM-3|P|2.3.1", PID, "ORC|CA|NEVER-SEEN^RIS")).contains("MSA|AE|ORM-3").contains("204");
    }

    /** What findscu -W prints for the steps of {@code modality} at {@code station} on {@code date}. */
    private static String worklist(String modality, String station, String date) throws Exception {
        List<String> command = new ArrayList<>(List.of("findscu", "-v", "-W", "-aet", station, "-aec", ServerProcess.AE_TITLE,
                "-k", "ScheduledProcedureStepSequence[0].Modality=" + modality,
                "-k", "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=" + station,
                "-k", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=" + date,
                "-k", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime",
                "-k", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepID",
                "-k", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStatus",
                "-k", "PatientName", "-k", "PatientID", "-k", "PatientBirthDate", "-k", "AccessionNumber", "-k", "StudyInstanceUID",
                "-k", "RequestedProcedureDescription", "-k", "RequestedProcedureID", "-k", "ReferringPhysicianName",
                "127.0.0.1", String.valueOf(server.dicomPort())));
        Dcmtk.Result result = Dcmtk.run(command);
        assertThat(result.ok()).as(result.stdout() + result.stderr()).isTrue();
        return result.stdout() + result.stderr();
    }

    private static String send(String... segments) throws Exception {
        return MllpSend.message(hl7Port, scratch, segments);
    }
}
