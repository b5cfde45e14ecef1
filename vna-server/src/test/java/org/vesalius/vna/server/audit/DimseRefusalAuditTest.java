package org.vesalius.vna.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.server.dimse.DimseRefusal;
import org.vesalius.vna.server.dimse.DimseRight;

class DimseRefusalAuditTest {

    @Test
    void eachRefusalIsASecurityAlertNamingTheCallerAndWhy() throws Exception {
        List<AuditEvent> recorded = new ArrayList<>();
        DimseRefusalAudit audit = new DimseRefusalAudit(recorded::add,
                Clock.fixed(Instant.parse("2026-12-07T11:00:00Z"), ZoneOffset.UTC));
        InetAddress peer = InetAddress.getByName("127.0.0.2");
        audit.refused(new DimseRefusal("INTRUDER", "VESALIUS", peer, DimseRefusal.Reason.CALLING_AE_NOT_ALLOWED, Set.of()));
        audit.refused(new DimseRefusal("VIEWER", "VESALIUS", peer, DimseRefusal.Reason.SERVICE_NOT_PERMITTED,
                Set.of(DimseRight.STORE, DimseRight.MOVE)));

        assertThat(recorded).hasSize(2).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditEvent.Action.SECURITY_ALERT);
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
            assertThat(e.actor().address()).isEqualTo("127.0.0.2");
        });
        assertThat(recorded.get(0).actor().aeTitle()).isEqualTo("INTRUDER");
        assertThat(recorded.get(0).detail()).contains("not on the access list");
        assertThat(recorded.get(1).detail()).contains("no right to move, store");
    }
}
