package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.audit.AuditEvent;

class MllpRefusalAuditTest {

    @Test
    void aRefusedSenderIsASecurityAlertNamingItsAddress() {
        List<AuditEvent> audited = new ArrayList<>();
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        new MllpRefusalAudit(audited::add, Clock.fixed(now, ZoneOffset.UTC)).refused("10.9.9.9");

        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditEvent.Action.SECURITY_ALERT);
            assertThat(e.protocol()).isEqualTo("MLLP");
            assertThat(e.actor().address()).isEqualTo("10.9.9.9");
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
            assertThat(e.detail()).contains("vna.hl7.access.networks");
            assertThat(e.time()).isEqualTo(now);
            assertThat(e.patient()).isNull();
        });
    }
}
