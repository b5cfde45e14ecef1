package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.testsupport.Prerequisites;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.Poll;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.TinyInstance;

/**
 * Notifications of studies end to end (issue 14), against the real server process, a real
 * Elasticsearch and an independent MLLP receiver on Debian's python3-hl7: a study stored is told of
 * exactly once (ORU^R01 with its WADO-RS, FHIR and viewer links) once it is quiet; with the receiver
 * down for a minute and the server restarted meanwhile, the next study's notification waits in the outbox
 * ({@code /api/hl7/outbox}: pending, attempts recorded) and arrives once the receiver is back, once;
 * an ADT update of the patient is told of as a change.
 */
class Hl7NotifyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STUDY_1 = "1.2.826.0.1.3680043.10.1338.14.31";
    private static final String STUDY_2 = "1.2.826.0.1.3680043.10.1338.14.32";
    private static final Duration GUARD = Duration.ofMinutes(2);

    private static Path scratch;
    private static Path received;
    private static Path receiverScript;
    private static ServerProcess server;
    private static Process receiver;
    private static int receiverPort;
    private static int hl7Port;

    @BeforeAll
    static void start() throws Exception {
        Prerequisites.requireCommand("mllp_send", "Debian package python3-hl7"); // the same package has the receiver's library
        String es = TestElasticsearch.require();
        Checkout.requireServerJar();
        scratch = Checkout.newScratchDirectory("hl7-notify");
        received = scratch.resolve("received.hl7");
        receiverScript = scratch.resolve("mllp_receiver.py");
        try (InputStream in = Hl7NotifyIT.class.getResourceAsStream("/hl7/mllp_receiver.py")) {
            Files.copy(in, receiverScript, StandardCopyOption.REPLACE_EXISTING);
        }
        receiverPort = freePort();
        hl7Port = freePort();
        startReceiver();
        server = MllpSend.server("hl7-notify", scratch, es, hl7Port)
                .property("vna.hl7.notifications.destinations", "EHR=127.0.0.1:" + receiverPort)
                .property("vna.hl7.notifications.quiet-period", "2s").property("vna.hl7.notifications.scan-interval", "500ms")
                .property("vna.hl7.notifications.retry-initial", "1s").property("vna.hl7.notifications.retry-max", "2s")
                .property("vna.hl7.notifications.send-timeout", "5s")
                .property("vna.hl7.notifications.viewer-url", "https://viewer.example.org/viewer?StudyInstanceUIDs={study}").build();
        server.start();
        server.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        stopReceiver();
        if (scratch != null) {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }

    @Test
    void aStoredStudyIsToldOfOnceAndAReceiverThatWasDownGetsItAfterARestartOnce() throws Exception {
        store(STUDY_1, "1");
        store(STUDY_1, "2");
        String first = Poll.until("the notification of study 1", GUARD, () -> messagesAbout(STUDY_1), m -> m.size() == 1).get(0);
        assertThat(first).contains("ORU^R01").contains("NOTIFY-1^^^HOSP").contains("Told^Tom")
                .contains(server.uri("/dicomweb/studies/" + STUDY_1).toString())
                .contains(server.uri("/fhir/ImagingStudy/" + STUDY_1).toString())
                .contains("https://viewer.example.org/viewer?StudyInstanceUIDs=" + STUDY_1).contains("ACC-N-1");
        assertThat(field(first, "OBR", 25)).as("final: available").isEqualTo("F");
        assertThat(first).as("two instances").containsPattern("INSTANCES\\^[^|]*\\|\\|2\\|");
        Thread.sleep(4_000); // several scans later: still once
        assertThat(messagesAbout(STUDY_1)).hasSize(1);

        // The receiver goes down; a study arrives; the server is restarted meanwhile.
        stopReceiver();
        long downSince = System.nanoTime();
        store(STUDY_2, "1");
        JsonNode pending = Poll.until("a failed attempt in the outbox", GUARD, () -> outbox("status=pending"),
                o -> o.path("notifications").size() == 1 && o.path("notifications").get(0).path("attempts").asInt() >= 1);
        assertThat(pending.path("pending").asInt()).isEqualTo(1);
        assertThat(pending.path("notifications").get(0).path("study").asText()).isEqualTo(STUDY_2);
        assertThat(pending.path("notifications").get(0).path("lastOutcome").asText()).startsWith("not delivered");
        server.stop();
        server.start();
        server.awaitReady();
        // The receiver stays down a minute in all; the restarted server keeps trying.
        Thread.sleep(Math.max(0, Duration.ofMinutes(1).minusNanos(System.nanoTime() - downSince).toMillis()));
        assertThat(messagesAbout(STUDY_2)).isEmpty();
        assertThat(outbox("status=pending").path("notifications").get(0).path("attempts").asInt()).as("retried while down")
                .isGreaterThanOrEqualTo(3);
        startReceiver();
        Poll.until("the notification of study 2", GUARD, () -> messagesAbout(STUDY_2), m -> m.size() == 1);
        Thread.sleep(4_000);
        assertThat(messagesAbout(STUDY_2)).as("once").hasSize(1);
        assertThat(messagesAbout(STUDY_1)).as("study 1 is not told of again after the restart").hasSize(1);
        JsonNode delivered = outbox("status=delivered");
        assertThat(delivered.path("pending").asInt()).isZero();
        assertThat(delivered.path("notifications").size()).isEqualTo(2);
        assertThat(server.get("/api/hl7/outbox?status=nonsense", "application/json").statusCode()).isEqualTo(400);

        // An ADT update of the patient: both studies told of as changed (OBR-25 C).
        assertThat(MllpSend.message(hl7Port, scratch, "MSH|^~\\&|RIS|HOSP|VESALIUS|HOSP|20261207100000||ADT^A08^ADT_A01|N-A08|P|2.5.1",
                "EVN|A08", "PID|1||NOTIFY-1^^^HOSP||Renamed^Tom")).contains("MSA|AA|N-A08");
        Poll.until("the changes", GUARD, () -> messagesAbout(STUDY_1).size() + messagesAbout(STUDY_2).size(), n -> n == 4);
        assertThat(messagesAbout(STUDY_1).get(1)).contains("Renamed^Tom");
        assertThat(field(messagesAbout(STUDY_1).get(1), "OBR", 25)).as("corrected: changed").isEqualTo("C");
    }

    private static void store(String study, String instance) throws Exception {
        Dataset ds = TinyInstance.dataset(study, "NOTIFY-1", "Told^Tom");
        ds.setString(Tags.IssuerOfPatientID, VR.LO, "HOSP");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC-N-" + study.substring(study.length() - 1));
        ds.setString(Tags.SOPInstanceUID, VR.UI, study + ".1." + instance);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        var response = TinyInstance.stow(server, null, TinyInstance.part10(ds));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Field {@code n} of the first {@code segment} of {@code message}. */
    private static String field(String message, String segment, int n) {
        for (String s : message.split("\r")) {
            if (s.startsWith(segment + "|")) {
                String[] fields = s.split("\\|", -1);
                return n < fields.length ? fields[n] : "";
            }
        }
        return null;
    }

    private static JsonNode outbox(String query) throws Exception {
        var r = server.get("/api/hl7/outbox?" + query, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The messages the receiver wrote that name {@code study}, in order. */
    private static List<String> messagesAbout(String study) throws Exception {
        List<String> out = new ArrayList<>();
        if (!Files.exists(received)) {
            return out;
        }
        for (String message : Files.readString(received, StandardCharsets.UTF_8).split("\n\n")) {
            if (message.contains(study)) {
                out.add(message.replace('\n', '\r'));
            }
        }
        return out;
    }

    private static void startReceiver() throws Exception {
        receiver = new ProcessBuilder("/usr/bin/python3", receiverScript.toString(), String.valueOf(receiverPort), received.toString())
                .redirectErrorStream(true).redirectOutput(scratch.resolve("receiver.log").toFile()).start();
        Poll.until("the receiver listening", Duration.ofSeconds(30), () -> Files.readString(scratch.resolve("receiver.log")),
                log -> log.contains("listening") || !receiver.isAlive());
        assertThat(receiver.isAlive()).as(Files.readString(scratch.resolve("receiver.log"))).isTrue();
    }

    private static void stopReceiver() throws InterruptedException {
        if (receiver != null) {
            receiver.destroy();
            receiver.waitFor(10, TimeUnit.SECONDS);
            receiver = null;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
