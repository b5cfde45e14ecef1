package org.vesalius.vna.server.audit;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.server.dimse.DimseRefusal;
import org.vesalius.vna.server.dimse.DimseRefusalListener;

/**
 * Every refusal of the DIMSE access policy (an AE off the list, from a wrong network, asking
 * for a service it has no right to, or a User Identity missing, failing or without rights)
 * becomes a Security Alert audit record, naming the user the identity claimed. Recording only appends
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
            case USER_IDENTITY_MISSING -> "association refused: user authentication required, no user identity sent";
            case USER_NOT_AUTHENTICATED -> "association refused: user authentication failed";
            case USER_WITHOUT_RIGHTS -> "association refused: the user's roles allow no DICOM service";
        };
        String address = refusal.peer() == null ? null : refusal.peer().getHostAddress();
        audit.record(new AuditEvent(AuditEvent.Action.SECURITY_ALERT, "A-ASSOCIATE",
                new AuditEvent.Actor(refusal.user(), refusal.callingAeTitle(), address), List.of(), null, null,
                AuditEvent.Outcome.MINOR_FAILURE, what + " (called AE " + refusal.calledAeTitle() + ")", clock.instant()));
    }
}
