package org.vesalius.vna.server.audit;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.server.dimse.DimseRefusal;
import org.vesalius.vna.server.dimse.DimseRefusalListener;

/**
 * Every refusal of the DIMSE access policy (an AE off the list, from a wrong network, or asking
 * for a service it has no right to) becomes a Security Alert audit record. Recording only appends
 * to the local queue: the association's answer is not held up.
 */
final class DimseRefusalAudit implements DimseRefusalListener {

    private final AuditPort audit;
    private final Clock clock;

    DimseRefusalAudit(AuditPort audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void refused(DimseRefusal refusal) {
        String what = switch (refusal.reason()) {
            case CALLING_AE_NOT_ALLOWED -> "association refused: calling AE title not on the access list";
            case NETWORK_NOT_ALLOWED -> "association refused: calling AE title not allowed from this address";
            case SERVICE_NOT_PERMITTED -> "presentation contexts refused: no right to "
                    + refusal.refusedRights().stream().map(r -> r.name().toLowerCase()).sorted().collect(Collectors.joining(", "));
        };
        String address = refusal.peer() == null ? null : refusal.peer().getHostAddress();
        audit.record(new AuditEvent(AuditEvent.Action.SECURITY_ALERT, "A-ASSOCIATE",
                new AuditEvent.Actor(null, refusal.callingAeTitle(), address), List.of(), null, null,
                AuditEvent.Outcome.MINOR_FAILURE, what + " (called AE " + refusal.calledAeTitle() + ")", clock.instant()));
    }
}
