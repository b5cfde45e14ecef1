package org.vesalius.vna.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;

/** The trail end to end over RFC 5426 UDP syslog to a real socket of the test's own; TLS is vna-server's AuditTrailIT (rsyslog). */
class AtnaAuditTrailTest {

    @TempDir
    Path directory;

    @Test
    void recordsAreQueuedOnDiskAndSentAsSyslogOverUdp() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(60_000); // a hang guard, not a timing assertion
            AuditSettings settings = new AuditSettings("node-1", null, "VESALIUS", directory.resolve("audit"),
                    new AuditSettings.Collector("127.0.0.1", collector.getLocalPort(), AuditSettings.Transport.UDP, null),
                    Duration.ofSeconds(1));
            try (AtnaAuditTrail trail = AtnaAuditTrail.start(settings)) {
                for (String patient : List.of("P-1", "P-2")) {
                    trail.record(new AuditEvent(AuditEvent.Action.IMPORT, "C-STORE", new AuditEvent.Actor(null, "MODALITY", "192.0.2.1"),
                            List.of("1.2.3"), new PatientId(patient, ""), null, AuditEvent.Outcome.SUCCESS, null, Instant.now()));
                }
                for (String patient : List.of("P-1", "P-2")) {
                    DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
                    collector.receive(packet);
                    String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                    // RFC 5424: PRI 85 (authpriv.notice), version 1, MSGID IHE+RFC-3881, then the XML.
                    assertThat(message).startsWith("<85>1 ").contains(" IHE+RFC-3881 ").contains("<AuditMessage>")
                            .contains("ParticipantObjectID=\"" + patient + "\"");
                    AtnaMessagesTest.validate(message.substring(message.indexOf("<AuditMessage>")));
                }
                assertThat(trail.lostRecords()).isZero();
            }
            assertThat(Files.readString(directory.resolve("audit/audit-1.log"))).contains("P-1").contains("P-2");
        }
    }

    @Test
    void withoutCollectorRecordsStayOnTheNode() throws Exception {
        AuditSettings settings = new AuditSettings("node-1", "site", "VESALIUS", directory.resolve("audit"), null, Duration.ofSeconds(1));
        try (AtnaAuditTrail trail = AtnaAuditTrail.start(settings)) {
            trail.record(new AuditEvent(AuditEvent.Action.QUERY, "QIDO-RS", new AuditEvent.Actor("alice", null, "::1"), List.of(), null,
                    "PatientID=P-3", AuditEvent.Outcome.SUCCESS, null, Instant.now()));
        }
        assertThat(Files.readString(directory.resolve("audit/audit-1.log"))).contains("alice").contains("Query");
        assertThat(directory.resolve("audit/delivered")).doesNotExist();
    }
}
