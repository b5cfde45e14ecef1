package org.vesalius.vna.hl7.receive;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Tags;
import org.vesalius.testsupport.samples.SharedData;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.update.UpdateResult;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.adt.PatientIdentities;
import org.vesalius.vna.hl7.log.FileMessageLog;
import org.vesalius.vna.hl7.message.Hl7Reader;

/** The intake with a recording update port (the real one is exercised by vna-server's Hl7AdtIT). */
class MessageIntakeTest {

    @TempDir
    Path dir;

    private final List<PatientUpdate> updates = new ArrayList<>();
    private final UpdatePort port = update -> {
        updates.add(update);
        return new UpdateResult(String.valueOf(updates.size()), Instant.now());
    };

    private MessageIntake intake(FileMessageLog log) {
        return new MessageIntake(new Hl7Reader(), log, new AdtFeed(port, PatientIdentities.anyAuthority()), Clock.systemUTC());
    }

    private static byte[] hl7(String... segments) {
        return String.join("\r", segments).getBytes(StandardCharsets.UTF_8);
    }

    private static Terser ack(byte[] bytes) throws Exception {
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        Message message = context.getPipeParser().parse(new String(bytes, StandardCharsets.UTF_8));
        return new Terser(message);
    }

    private static final String MSH = "MSH|^~\\&|RIS|HOSP|VNA|HOSP|20261207100000||";

    @Test
    void anA08UpdatesThePatientOnceEvenWhenSentTwice() throws Exception {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = intake(log);
            byte[] a08 = hl7(MSH + "ADT^A08^ADT_A01|C1|P|2.5.1", "EVN|A08|20261207", "PID|1||P1^^^HOSP^MR||Doe^John^Q^Jr^Dr||19700102|M");
            Terser first = ack(intake.receive(a08, "127.0.0.1"));
            assertThat(first.get("/MSA-1")).isEqualTo("AA");
            assertThat(first.get("/MSA-2")).isEqualTo("C1");
            assertThat(updates).singleElement().satisfies(u -> {
                assertThat(u.patient()).isEqualTo(new PatientId("P1", "HOSP"));
                assertThat(u.newValues().getString(Tags.PatientName, "")).isEqualTo("Doe^John^Q^Dr^Jr");
                assertThat(u.newValues().getString(Tags.PatientBirthDate, "")).isEqualTo("19700102");
                assertThat(u.newValues().getString(Tags.PatientSex, "")).isEqualTo("M");
            });
            Terser again = ack(intake.receive(a08, "127.0.0.1"));
            assertThat(again.get("/MSA-1")).isEqualTo("AA");
            assertThat(updates).as("a repeat is acknowledged, not applied").hasSize(1);
        }
    }

    @Test
    void mergesAreAppliedAndSelfOrCircularMergesRefusedAlsoAfterARestart() throws Exception {
        byte[] a40 = hl7(MSH + "ADT^A40^ADT_A39|M1|P|2.5.1", "EVN|A40", "PID|1||NEW^^^HOSP||New^Name", "MRG|OLD^^^HOSP");
        byte[] inverse = hl7(MSH + "ADT^A40^ADT_A39|M2|P|2.5.1", "EVN|A40", "PID|1||OLD^^^HOSP", "MRG|NEW^^^HOSP");
        byte[] self = hl7(MSH + "ADT^A40^ADT_A39|M3|P|2.3", "EVN|A40", "PID|1||SAME^^^HOSP", "MRG|SAME^^^HOSP");
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = intake(log);
            assertThat(ack(intake.receive(a40, "127.0.0.1")).get("/MSA-1")).isEqualTo("AA");
            assertThat(updates).singleElement().satisfies(u -> {
                assertThat(u.patient()).isEqualTo(new PatientId("OLD", "HOSP"));
                assertThat(u.newValues().getString(Tags.PatientID, "")).isEqualTo("NEW");
                assertThat(u.newValues().getString(Tags.IssuerOfPatientID, "")).isEqualTo("HOSP");
            });
            Terser selfAck = ack(intake.receive(self, "127.0.0.1"));
            assertThat(selfAck.get("/MSA-1")).isEqualTo("AE");
            assertThat(selfAck.get("/ERR-3-1")).isEqualTo("205");
        }
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            Terser loop = ack(intake(log).receive(inverse, "127.0.0.1"));
            assertThat(loop.get("/MSA-1")).isEqualTo("AE");
            assertThat(loop.get("/ERR-3-1")).isEqualTo("205");
            assertThat(updates).as("nothing applied from a refused merge").hasSize(1);
        }
    }

    @Test
    void whatCannotBeAppliedGetsTheCodeOfTable0357() throws Exception {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = intake(log);
            Map<String, byte[]> cases = Map.of(
                    "AR 203", hl7(MSH + "ADT^A08|V1|P|2.1", "PID|1||P1"),
                    "AR 200", hl7(MSH + "ORU^R01^ORU_R01|T1|P|2.5.1", "PID|1||P1"),
                    "AR 201", hl7(MSH + "ADT^A02^ADT_A02|E1|P|2.5.1", "PID|1||P1"),
                    "AR 101", hl7(MSH + "ADT^A08^ADT_A01||P|2.5.1", "PID|1||P1"),
                    "AR 100", hl7("PID|1||P1", MSH + "ADT^A08^ADT_A01|X1|P|2.5.1"),
                    "AE 101", hl7(MSH + "ADT^A08^ADT_A01|R1|P|2.5.1", "PID|1||^^^HOSP||Doe"),
                    "AE 100", hl7(MSH + "ADT^A40^ADT_A39|R2|P|2.5.1", "PID|1||NEW"));
            for (Map.Entry<String, byte[]> c : new TreeMap<>(cases).entrySet()) {
                Terser answer = ack(intake.receive(c.getValue(), "127.0.0.1"));
                assertThat(answer.get("/MSA-1") + " " + answer.get("/ERR-3-1")).as(c.getKey()).isEqualTo(c.getKey());
            }
            assertThat(updates).isEmpty();
            assertThat(log.recent(100)).hasSize(cases.size());
        }
    }

    @Test
    void anotherMessageUnderAControlIdAlreadyUsedIsRefusedNotAnsweredWithTheOldAcknowledgement() throws Exception {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = intake(log);
            byte[] first = hl7(MSH + "ADT^A08^ADT_A01|SAME|P|2.5.1", "PID|1||P1^^^HOSP||Doe^Jane");
            byte[] resent = hl7("MSH|^~\\&|RIS|HOSP|VNA|HOSP|20261207110000||ADT^A08^ADT_A01|SAME|P|2.5.1", "PID|1||P1^^^HOSP||Doe^Jane");
            byte[] other = hl7(MSH + "ADT^A08^ADT_A01|SAME|P|2.5.1", "PID|1||P2^^^HOSP||Roe^Richard");
            assertThat(ack(intake.receive(first, "127.0.0.1")).get("/MSA-1")).isEqualTo("AA");
            assertThat(ack(intake.receive(resent, "127.0.0.1")).get("/MSA-1")).as("resent with a new MSH-7").isEqualTo("AA");
            Terser refused = ack(intake.receive(other, "127.0.0.1"));
            assertThat(refused.get("/MSA-1") + " " + refused.get("/ERR-3-1")).isEqualTo("AR 205");
            assertThat(updates).hasSize(1);
        }
    }

    @Test
    void whenTheArchiveCannotApplyTheAnswerSaysSendAgainAndTheLogKeepsNoAccept() throws Exception {
        UpdatePort down = update -> {
            throw new org.vesalius.vna.archive.api.failure.UnavailableException("the journal cannot be written");
        };
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            MessageIntake intake = new MessageIntake(new Hl7Reader(), log, new AdtFeed(down, PatientIdentities.anyAuthority()),
                    Clock.systemUTC());
            byte[] a08 = hl7(MSH + "ADT^A08^ADT_A01|D1|P|2.5.1", "PID|1||P1^^^HOSP||Doe^Jane");
            Terser answer = ack(intake.receive(a08, "127.0.0.1"));
            assertThat(answer.get("/MSA-1") + " " + answer.get("/ERR-3-1")).isEqualTo("AR 207");
            // Sent again once the archive is back: applied (the refusal was no accept).
            MessageIntake back = intake(log);
            assertThat(ack(back.receive(a08, "127.0.0.1")).get("/MSA-1")).isEqualTo("AA");
            assertThat(updates).hasSize(1);
        }
    }

    @Test
    void enhancedModeGetsACommitAcknowledgement() throws Exception {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            Terser answer = ack(intake(log).receive(hl7(MSH + "ADT^A08^ADT_A01|E1|P|2.5.1|||AL|NE", "PID|1||P1||Doe"), "127.0.0.1"));
            assertThat(answer.get("/MSA-1")).isEqualTo("CA");
        }
    }

    private MessageIntake behind(FileMessageLog log, UpdatePort updatePort) {
        return new MessageIntake(new Hl7Reader(), log, new AdtFeed(updatePort, PatientIdentities.anyAuthority()), null,
                Clock.systemUTC(), message -> { }, MessageIntake.Applying.AFTER_LOG);
    }

    @Test
    void appliedBehindTheAcknowledgementInTheOrderLoggedWithTheSameRefusals() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        UpdatePort slow = update -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return port.update(update);
        };
        try (FileMessageLog log = FileMessageLog.open(dir); MessageIntake intake = behind(log, slow)) {
            assertThat(ack(intake.receive(hl7(MSH + "ADT^A08^ADT_A01|B1|P|2.5.1", "PID|1||P1^^^HOSP||First^Name"), "127.0.0.1"))
                    .get("/MSA-1")).isEqualTo("AA");
            assertThat(ack(intake.receive(hl7(MSH + "ADT^A40^ADT_A39|B2|P|2.5.1", "EVN|A40", "PID|1||P2^^^HOSP", "MRG|P1^^^HOSP"),
                    "127.0.0.1")).get("/MSA-1")).isEqualTo("AA");
            // The inverse merge is refused at once: the accepted merge counts although it is not applied yet.
            Terser loop = ack(intake.receive(hl7(MSH + "ADT^A40^ADT_A39|B3|P|2.5.1", "EVN|A40", "PID|1||P1^^^HOSP", "MRG|P2^^^HOSP"),
                    "127.0.0.1"));
            assertThat(loop.get("/MSA-1") + " " + loop.get("/ERR-3-1")).isEqualTo("AE 205");
            assertThat(updates).as("acknowledged before applied").isEmpty();
            assertThat(intake.applyPending()).isEqualTo(2);

            release.countDown();
            intake.awaitApplied();
            assertThat(updates).extracting(u -> u.patient().id()).containsExactly("P1", "P1");
            assertThat(updates.get(1).newValues().getString(Tags.PatientID, "")).isEqualTo("P2");
        }
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            assertThat(log.appliedThrough()).isEqualTo(2);
        }
    }

    @Test
    void whatWasAcknowledgedButNotAppliedIsAppliedAtTheNextStartOnce() throws Exception {
        UpdatePort down = update -> {
            throw new org.vesalius.vna.archive.api.failure.UnavailableException("the journal cannot be written");
        };
        byte[] a08 = hl7(MSH + "ADT^A08^ADT_A01|K1|P|2.5.1", "PID|1||P1^^^HOSP||Doe^Jane");
        try (FileMessageLog log = FileMessageLog.open(dir); MessageIntake intake = behind(log, down)) {
            // Accepted: the log has it; the archive cannot take it now, so it waits (retried) until the stop.
            assertThat(ack(intake.receive(a08, "127.0.0.1")).get("/MSA-1")).isEqualTo("AA");
            assertThat(intake.applyPending()).isEqualTo(1);
        }
        try (FileMessageLog log = FileMessageLog.open(dir); MessageIntake intake = behind(log, port)) {
            intake.awaitApplied();
            assertThat(updates).singleElement().satisfies(u -> assertThat(u.patient()).isEqualTo(new PatientId("P1", "HOSP")));
            assertThat(ack(intake.receive(a08, "127.0.0.1")).get("/MSA-1")).as("sent again: answered, not applied").isEqualTo("AA");
            intake.awaitApplied();
            assertThat(updates).hasSize(1);
        }
        try (FileMessageLog log = FileMessageLog.open(dir); MessageIntake intake = behind(log, port)) {
            intake.awaitApplied();
            assertThat(updates).as("applied and marked: not again").hasSize(1);
        }
    }

    @Test
    void everySharedSampleGetsAnAcknowledgementThatNamesIt() throws IOException {
        Path samples = SharedData.require("hl7v2-samples");
        Map<String, Integer> codes = new TreeMap<>();
        try (FileMessageLog log = FileMessageLog.open(dir); Stream<Path> files = Files.walk(samples)) {
            MessageIntake intake = intake(log);
            for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().matches("MANIFEST.*|README.*")).toList()) {
                byte[] raw = Files.readAllBytes(file);
                byte[] answer = intake.receive(raw, "127.0.0.1");
                String text = new String(answer, StandardCharsets.ISO_8859_1);
                // Answered in the sender's own delimiters.
                String msa = "\rMSA" + text.charAt(3);
                assertThat(text).as(file.toString()).startsWith("MSH").contains(msa);
                String code = text.substring(text.indexOf(msa) + 5, text.indexOf(msa) + 7);
                codes.merge(code, 1, Integer::sum);
                assertThat(code).as(file.toString()).isIn("AA", "AE", "AR", "CA", "CE", "CR");
            }
        }
        assertThat(codes).containsKey("AA");
        System.out.println("shared HL7 samples, acknowledgement codes: " + codes + ", updates applied: " + updates.size());
    }
}
