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
        audit.refused(new DimseRefusal("CT1", "VESALIUS", peer, DimseRefusal.Reason.USER_NOT_AUTHENTICATED, Set.of(), "alice"));
        audit.refused(new DimseRefusal("CT1", "VESALIUS", peer, DimseRefusal.Reason.USER_IDENTITY_MISSING, Set.of()));

        assertThat(recorded).hasSize(4).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditEvent.Action.SECURITY_ALERT);
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
            assertThat(e.actor().address()).isEqualTo("127.0.0.2");
        });
        assertThat(recorded.get(0).actor().aeTitle()).isEqualTo("INTRUDER");
        assertThat(recorded.get(0).detail()).contains("not on the access list");
        assertThat(recorded.get(1).detail()).contains("no right to move, store");
        assertThat(recorded.get(2).actor().user()).isEqualTo("alice");
        assertThat(recorded.get(2).actor().aeTitle()).isEqualTo("CT1");
        assertThat(recorded.get(2).detail()).contains("user authentication failed");
        assertThat(recorded.get(3).actor().user()).isNull();
        assertThat(recorded.get(3).detail()).contains("no user identity sent");
    }
}
