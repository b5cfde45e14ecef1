package org.vesalius.vna.server.hl7;

import java.time.Clock;
import java.util.List;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.hl7.receive.MllpRoutes;

/**
 * A sender the MLLP listener refused for its address ({@code vna.hl7.access.networks}) becomes a
 * Security Alert audit record naming that address, as a refused DICOM association does.
 */
final class MllpRefusalAudit implements MllpRoutes.RefusedPeers {

    private final AuditPort audit;
    private final Clock clock;

    MllpRefusalAudit(AuditPort audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void refused(String peer) {
        audit.record(new AuditEvent(AuditEvent.Action.SECURITY_ALERT, "MLLP", new AuditEvent.Actor(null, null, peer), List.of(), null, null,
                AuditEvent.Outcome.MINOR_FAILURE, "HL7 MLLP connection refused: the sender's address is not in vna.hl7.access.networks",
                clock.instant()));
    }
}
