package org.vesalius.vna.hl7.orders;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.testsupport.samples.SharedData;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.worklist.OrderStatus;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.adt.PatientIdentities;
import org.vesalius.vna.hl7.log.FileMessageLog;
import org.vesalius.vna.hl7.message.Hl7Reader;
import org.vesalius.vna.hl7.receive.MessageIntake;

/**
 * Orders through the intake into an in-memory worklist (the real one, blob store and Elasticsearch,
 * is exercised by vna-server's Hl7OrdersIT): the RAD-4 mapping of ORM and OMI, status changes,
 * cancellation, and the refusals that leave the worklist unchanged.
 */
class OrderFeedTest {

    @TempDir
    Path dir;

    private final Map<String, WorklistItem> held = new LinkedHashMap<>();
    private final List<WorklistItem> stored = new ArrayList<>();
    private final WorklistPort worklist = new WorklistPort() {
        @Override
        public WorklistItem schedule(WorklistItem item) {
            held.put(item.id(), item);
            stored.add(item);
            return item;
        }

        @Override
        public Optional<WorklistItem> item(String id) {
            return Optional.ofNullable(held.get(id));
        }

        @Override
        public List<WorklistItem> find(WorklistQuery query) {
            return List.copyOf(held.values());
        }
    };

    private static final String MSH = "MSH|^~\\&|RIS|HOSP|VNA|HOSP|20261207100000||";

    private String ack(MessageIntake intake, String... segments) throws Exception {
        byte[] answer = intake.receive(String.join("\r", segments).getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        Message message = context.getPipeParser().parse(new String(answer, StandardCharsets.UTF_8));
        Terser t = new Terser(message);
        String err = t.get("/ERR-3-1");
        return t.get("/MSA-1") + (err == null ? "" : " " + err);
    }

    private MessageIntake intake(FileMessageLog log) {
        return new MessageIntake(new Hl7Reader(), log, new AdtFeed(update -> null, PatientIdentities.anyAuthority()),
                new OrderFeed(worklist, PatientIdentities.anyAuthority(), new OrderSettings(Map.of("CT", List.of("CT01"))),
                        Clock.systemUTC()), Clock.systemUTC(), m -> { });
    }

    private static final String PID = "PID|1||P1^^^HOSP^MR||Doe^Jane^Q||19700102|F";
    private static final String PV1 = "PV1|1|O||||||^Referrer^Rita";

    @Test
    void anOrmNewOrderBecomesAScheduledStepWithTheRad4Mapping() throws Exception {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = intake(log);
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|O1|P|2.3.1", PID, PV1, "ORC|NW|PL100^RIS|FI200^PACS||SC||^^^20261208093000",
                    "OBR|1|PL100^RIS|FI200^PACS|CTHEAD^CT Head without contrast^LOCAL||||||||||||^Orderer^Otto||ACC100|RP100|SPS100||||CT",
                    "ZDS|1.2.3.4.5^100^Application^DICOM")).isEqualTo("AA");
            WorklistItem item = held.get(WorklistItem.idOf("RIS", "PL100"));
            assertThat(item.status()).isEqualTo(OrderStatus.SCHEDULED);
            Dataset ds = item.attributes();
            assertThat(item.patient()).isEqualTo(new PatientId("P1", "HOSP"));
            assertThat(ds.getString(Tags.PatientName)).isEqualTo("Doe^Jane^Q");
            assertThat(ds.getString(Tags.PatientBirthDate)).isEqualTo("19700102");
            assertThat(ds.getString(Tags.ReferringPhysicianName)).isEqualTo("Referrer^Rita");
            assertThat(ds.getString(Tags.RequestingPhysician)).isEqualTo("Orderer^Otto");
            assertThat(ds.getString(Tags.AccessionNumber)).isEqualTo("ACC100");
            assertThat(ds.getString(Tags.RequestedProcedureID)).isEqualTo("RP100");
            assertThat(ds.getString(Tags.RequestedProcedureDescription)).isEqualTo("CT Head without contrast");
            assertThat(ds.getString(Tags.StudyInstanceUID)).isEqualTo("1.2.3.4.5");
            assertThat(ds.getString(Tags.PlacerOrderNumberImagingServiceRequest)).isEqualTo("PL100");
            Dataset step = item.step();
            assertThat(step.getString(Tags.Modality)).isEqualTo("CT");
            assertThat(step.getStrings(Tags.ScheduledStationAETitle)).containsExactly("CT01");
            assertThat(step.getString(Tags.ScheduledProcedureStepStartDate)).isEqualTo("20261208");
            assertThat(step.getString(Tags.ScheduledProcedureStepStartTime)).isEqualTo("093000");
            assertThat(step.getString(Tags.ScheduledProcedureStepID)).isEqualTo("SPS100");
            assertThat(step.getString(Tags.ScheduledProcedureStepStatus)).isEqualTo("SCHEDULED");
            assertThat(step.getSequence(Tags.ScheduledProtocolCodeSequence).get(0).getString(Tags.CodeValue)).isEqualTo("CTHEAD");

            // in progress, then cancelled: the same item, its status changed
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|O2|P|2.3.1", PID, "ORC|SC|PL100^RIS|FI200^PACS||IP")).isEqualTo("AA");
            assertThat(held.get(item.id()).status()).isEqualTo(OrderStatus.IN_PROGRESS);
            assertThat(held.get(item.id()).attributes().getString(Tags.AccessionNumber)).isEqualTo("ACC100");
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|O3|P|2.3.1", PID, "ORC|CA|PL100^RIS")).isEqualTo("AA");
            assertThat(held.get(item.id()).status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(held.get(item.id()).step().getString(Tags.ScheduledProcedureStepStatus)).isEqualTo("CANCELED");
            assertThat(held).hasSize(1);
        }
    }

    @Test
    void anOrderWithoutStudyUidGetsOneDerivedFromTheOrderTheSameEachTime() throws Exception {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = intake(log);
            String obr = "OBR|1|PL7^RIS||XR^Chest^LOCAL||||||||||||||ACC7|RP7|SPS7||||CR";
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|U1|P|2.3.1", PID, "ORC|NW|PL7^RIS", obr)).isEqualTo("AA");
            String uid = held.get(WorklistItem.idOf("RIS", "PL7")).studyInstanceUid();
            assertThat(uid).startsWith("2.25.");
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|U2|P|2.3.1", PID, "ORC|XO|PL7^RIS", obr)).isEqualTo("AA");
            assertThat(held.get(WorklistItem.idOf("RIS", "PL7")).studyInstanceUid()).isEqualTo(uid);
            assertThat(held.get(WorklistItem.idOf("RIS", "PL7")).step().getString(Tags.ScheduledStationAETitle))
                    .as("no station configured for CR").isNull();
        }
    }

    @Test
    void refusalsChangeNothing() throws Exception {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = intake(log);
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|R1|P|2.3.1", PID, "ORC|CA|UNKNOWN^RIS")).isEqualTo("AE 204");
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|R2|P|2.3.1", PID, "ORC|NW|^RIS", "OBR|1|||XR")).isEqualTo("AE 101");
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|R3|P|2.3.1", PID, "ORC|ZZ|PL9^RIS", "OBR|1|PL9^RIS||XR")).isEqualTo("AE 103");
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|R4|P|2.3.1", "PID|1||", "ORC|NW|PL9^RIS", "OBR|1|PL9^RIS||XR"))
                    .isEqualTo("AE 101");
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|R5|P|2.3.1", PID, "ORC|NW|PL9^RIS")).as("no OBR: not an imaging order")
                    .isEqualTo("AE 100");
            // the second order of a message is refused: the first is not stored either
            assertThat(ack(intake, MSH + "ORM^O01^ORM_O01|R6|P|2.3.1", PID, "ORC|NW|PL10^RIS", "OBR|1|PL10^RIS||XR",
                    "ORC|ZZ|PL11^RIS", "OBR|1|PL11^RIS||XR")).isEqualTo("AE 103");
            assertThat(ack(intake, MSH + "ORM^O02^ORM_O02|R7|P|2.3.1", PID, "ORC|NW|PL12^RIS", "OBR|1|PL12^RIS||XR"))
                    .isEqualTo("AR 201");
            assertThat(stored).isEmpty();
        }
    }

    @Test
    void dcm4cheImagingOrdersAreScheduled() throws Exception {
        Path omi = SharedData.require("hl7v2-samples/dcm4che/OMI_O23-ImagingOrder.hl7");
        Path orm = SharedData.require("hl7v2-samples/dcm4che/ORM_O01-GeneralOrder.hl7");
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = intake(log);
            assertThat(ack(intake, new String(Files.readAllBytes(omi), StandardCharsets.ISO_8859_1).split("\r"))).isEqualTo("AA");
            WorklistItem item = held.get(WorklistItem.idOf("", "PlacerOrderNumberImagingServiceRequest"));
            assertThat(item.accessionNumber()).isEqualTo("AccessionNumber");
            assertThat(item.studyInstanceUid()).isEqualTo("1.2.392.200036.9125.0.198811291108.7");
            assertThat(item.step().getStrings(Tags.ScheduledStationAETitle)).containsExactly("ScheduledStationAET1", "ScheduledStationAET2");
            assertThat(item.step().getString(Tags.Modality)).isEqualTo("CT");
            assertThat(item.step().getString(Tags.ScheduledProcedureStepStartDate)).isEqualTo("20000816");
            assertThat(item.step().getString(Tags.ScheduledStationName)).isEqualTo("ScheduledStationName");
            assertThat(ack(intake, new String(Files.readAllBytes(orm), StandardCharsets.ISO_8859_1).split("\r"))).isEqualTo("AA");
            assertThat(held).hasSize(1);
            assertThat(held.get(item.id()).studyInstanceUid()).as("ZDS-1").isEqualTo("1.2.392.200036.9125.0.198811291108.7");
        }
    }
}
