package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.NotFoundException;
import org.vesalius.vna.hl7.log.FileMessageLog;
import org.vesalius.vna.hl7.log.LoggedMessage;
import org.vesalius.vna.hl7.log.MessageKey;
import org.vesalius.vna.hl7.log.MessageLog;

/** {@code GET /api/hl7/messages} on a real message log: filters, refusals, and the audit record of each search. */
class Hl7MessagesControllerTest {

    @TempDir
    Path dir;

    private final List<AuditEvent> audited = new ArrayList<>();

    private Hl7MessagesController controller(MessageLog log) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (log != null) {
            beans.addBean("hl7MessageLog", log);
        }
        return new Hl7MessagesController(beans.getBeanProvider(MessageLog.class), audited::add, Clock.systemUTC());
    }

    private static LoggedMessage message(String controlId, String type, String ack) {
        return new LoggedMessage(0, new MessageKey("RIS|HOSP", controlId), Instant.now(), "10.1.2.3", type, "2.5.1", ack, "done",
                "MSH|".getBytes(StandardCharsets.US_ASCII), "MSA|".getBytes(StandardCharsets.US_ASCII));
    }

    private static MockHttpServletRequest request(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hl7/messages");
        request.setQueryString(query);
        request.setRemoteAddr("127.0.0.1");
        request.setUserPrincipal(() -> "admin-client");
        return request;
    }

    @Test
    void listsNewestFirstFilteredAndRecordsTheSearch() {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            log.append(message("1", "ADT^A08", "AA"));
            log.append(message("2", "ORU^R01", "AR"));
            log.append(message("3", "ADT^A40", "AE"));
            Hl7MessagesController controller = controller(log);

            assertThat(controller.messages(Map.of(), request(null)).getBody()).extracting(Hl7MessagesController.Listed::controlId)
                    .containsExactly("3", "2", "1");
            assertThat(controller.messages(Map.of("type", "ADT"), request("type=ADT")).getBody())
                    .extracting(Hl7MessagesController.Listed::controlId).containsExactly("3", "1");
            assertThat(controller.messages(Map.of("ack", "AE", "limit", "5"), request("ack=AE&limit=5")).getBody())
                    .extracting(Hl7MessagesController.Listed::controlId).containsExactly("3");
            var first = controller.messages(Map.of("limit", "1", "type", "ADT"), request("limit=1&type=ADT"));
            assertThat(first.getBody()).extracting(Hl7MessagesController.Listed::controlId).containsExactly("3");
            assertThat(first.getHeaders().getFirst("Link")).isEqualTo("</api/hl7/messages?before=3&limit=1&type=ADT>; rel=\"next\"");
            var second = controller.messages(Map.of("limit", "1", "type", "ADT", "before", "3"), request("before=3&limit=1&type=ADT"));
            assertThat(second.getBody()).extracting(Hl7MessagesController.Listed::controlId).containsExactly("1");
            assertThat(controller.messages(Map.of("before", "2"), request("before=2")).getHeaders().get("Link"))
                    .as("no older message: no next page").isNull();

            assertThat(audited).hasSize(6).allSatisfy(e -> {
                assertThat(e.action()).isEqualTo(AuditEvent.Action.QUERY);
                assertThat(e.protocol()).isEqualTo("HL7 message log search");
                assertThat(e.actor().user()).isEqualTo("admin-client");
                assertThat(e.actor().address()).isEqualTo("127.0.0.1");
            });
            assertThat(audited.get(1).query()).isEqualTo("type=ADT");
        }
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            Hl7MessagesController controller = controller(log);
            for (Map<String, String> bad : List.of(Map.of("ack", "XX"), Map.of("limit", "0"), Map.of("limit", "1001"),
                    Map.of("limit", "many"), Map.of("before", "0"), Map.of("before", "x"), Map.of("study", "1.2"))) {
                assertThatThrownBy(() -> controller.messages(bad, request(null))).as(bad.toString())
                        .isInstanceOf(InvalidRequestException.class);
            }
        }
        assertThat(audited).isEmpty();
    }

    @Test
    void aPatientFilterMatchesPid3WithOrWithoutItsAuthority() {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            log.append(withPid("1", "PID|1||P1^^^HOSP"));
            log.append(withPid("2", "PID|1||P1^^^OTHER"));
            log.append(withPid("3", "PID|1||P2^^^HOSP"));
            Hl7MessagesController controller = controller(log);
            assertThat(controller.messages(Map.of("patient", "P1"), request("patient=P1")).getBody())
                    .extracting(Hl7MessagesController.Listed::controlId).containsExactly("2", "1");
            assertThat(controller.messages(Map.of("patient", "P1^^^HOSP"), request("patient=P1%5E%5E%5EHOSP")).getBody())
                    .extracting(Hl7MessagesController.Listed::controlId).containsExactly("1");
        }
    }

    private static LoggedMessage withPid(String controlId, String pid) {
        String text = "MSH|^~\\&|RIS|HOSP|VNA|HOSP|20261207||ADT^A08|" + controlId + "|P|2.5.1\r" + pid + "\r";
        return new LoggedMessage(0, new MessageKey("RIS|HOSP", controlId), Instant.now(), "10.1.2.3", "ADT^A08", "2.5.1", "AA", "done",
                text.getBytes(StandardCharsets.US_ASCII), "MSA|".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void withTheListenerOffThereIsNoLogToList() {
        assertThatThrownBy(() -> controller(null).messages(Map.of(), request(null))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("vna.hl7.enabled");
    }
}
