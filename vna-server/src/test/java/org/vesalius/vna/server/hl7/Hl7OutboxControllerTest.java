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
import org.vesalius.vna.hl7.notify.FileOutbox;
import org.vesalius.vna.hl7.notify.OutboxEntry;

/** {@code GET /api/hl7/outbox} on a real outbox: the pending count, filters, refusals, and the audit record of each search. */
class Hl7OutboxControllerTest {

    @TempDir
    Path dir;

    private final List<AuditEvent> audited = new ArrayList<>();

    private Hl7OutboxController controller(FileOutbox outbox) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (outbox != null) {
            beans.addBean("hl7Outbox", outbox);
        }
        return new Hl7OutboxController(beans.getBeanProvider(FileOutbox.class), audited::add, Clock.systemUTC());
    }

    private static MockHttpServletRequest request(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hl7/outbox");
        request.setQueryString(query);
        request.setRemoteAddr("127.0.0.1");
        request.setUserPrincipal(() -> "admin-client");
        return request;
    }

    @Test
    void listsNewestFirstWithThePendingCountAndRecordsTheSearch() {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            byte[] m = "MSH|".getBytes(StandardCharsets.US_ASCII);
            long first = outbox.put("k1", "EHR", "P1\\", "1.2.1", "available", t, m).orElseThrow().id();
            outbox.put("k2", "EHR", "P2\\", "1.2.2", "available", t, m);
            outbox.attempted(first, OutboxEntry.Status.DELIVERED, "AA", t);
            Hl7OutboxController controller = controller(outbox);

            Hl7OutboxController.Page all = controller.notifications(Map.of(), request(null));
            assertThat(all.pending()).isEqualTo(1);
            assertThat(all.notifications()).extracting(Hl7OutboxController.Listed::study).containsExactly("1.2.2", "1.2.1");
            assertThat(all.notifications().get(1).lastOutcome()).isEqualTo("AA");
            assertThat(all.notifications().get(1).nextAttemptAt()).as("delivered: not due again").isNull();
            assertThat(controller.notifications(Map.of("status", "delivered"), request("status=delivered")).notifications())
                    .extracting(Hl7OutboxController.Listed::study).containsExactly("1.2.1");
            assertThat(controller.notifications(Map.of("limit", "1"), request("limit=1")).notifications()).hasSize(1);
            assertThat(audited).hasSize(3).allSatisfy(e -> {
                assertThat(e.action()).isEqualTo(AuditEvent.Action.QUERY);
                assertThat(e.protocol()).isEqualTo("HL7 outbox search");
                assertThat(e.actor().user()).isEqualTo("admin-client");
            });

            assertThatThrownBy(() -> controller.notifications(Map.of("status", "sent"), request("status=sent")))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("status");
            assertThatThrownBy(() -> controller.notifications(Map.of("patient", "x"), request("patient=x")))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("patient");
            assertThatThrownBy(() -> controller.notifications(Map.of("limit", "0"), request("limit=0")))
                    .isInstanceOf(InvalidRequestException.class);
            assertThat(audited).as("refusals are not searches").hasSize(3);
        }
    }

    @Test
    void withoutNotificationsThereIsNoOutbox() {
        assertThatThrownBy(() -> controller(null).notifications(Map.of(), request(null))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("vna.hl7.notifications.destinations");
    }

    @Test
    void destinationsAreNamedHostAndPort() {
        assertThat(Hl7NotifyConfiguration.destinations(List.of("EHR=ehr.example.org:2576", "LAB = 10.0.0.5 : 6000")))
                .extracting(d -> d.name() + "|" + d.host() + "|" + d.port())
                .containsExactly("EHR|ehr.example.org|2576", "LAB|10.0.0.5|6000");
        assertThatThrownBy(() -> Hl7NotifyConfiguration.destinations(List.of("ehr.example.org:2576")))
                .hasMessageContaining("NAME=host:port");
        assertThatThrownBy(() -> Hl7NotifyConfiguration.destinations(List.of("EHR=ehr:port"))).hasMessageContaining("no port");
        assertThatThrownBy(() -> Hl7NotifyConfiguration.destinations(List.of("EHR=ehr:70000"))).hasMessageContaining("not a TCP port");
    }
}
