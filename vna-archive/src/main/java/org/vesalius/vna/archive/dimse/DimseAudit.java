package org.vesalius.vna.archive.dimse;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.vesalius.dicom.net.service.AssociationInfo;
import org.vesalius.dicom.net.service.RetrieveRequest;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;

/** The audit events of the DIMSE edges: who (calling AE and its address) and what, in the port's terms. */
final class DimseAudit {

    private DimseAudit() {
    }

    /** The requestor of an association we accepted: its AE title and IP address. */
    static AuditEvent.Actor actor(AssociationInfo association) {
        String address = association.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
        // The user its User Identity proved, when the association was asked for one and it was verified.
        String user = association.user() == null ? null : association.user().getName();
        return new AuditEvent.Actor(user, association.remoteAeTitle(), address);
    }

    /**
     * Records a C-MOVE or C-GET once its task is closed (every sub-operation done or the
     * association gone): an export of the studies the instances belong to. Instances the archive
     * could not read count as failures; a receiver's refusal of a sub-operation is the toolkit's
     * and not seen here.
     */
    static void retrieved(AuditPort audit, RetrieveRequest request, PatientId patient, List<? extends ResolvedInstance> matches,
            AtomicInteger unreadable) {
        List<String> studies = matches.stream().map(m -> m.ref().studyInstanceUid()).distinct().toList();
        int failed = unreadable.get();
        audit.record(new AuditEvent(AuditEvent.Action.EXPORT, request.isMove() ? "C-MOVE" : "C-GET", actor(request.association()),
                studies, patient, null, failed == 0 ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.MINOR_FAILURE,
                detail(request, failed, matches.size()), Instant.now()));
    }

    /** Records a retrieve refused before anything was sent (bad identifier, archive unavailable). */
    static void refused(AuditPort audit, RetrieveRequest request, AuditEvent.Outcome outcome, String reason) {
        audit.record(new AuditEvent(AuditEvent.Action.EXPORT, request.isMove() ? "C-MOVE" : "C-GET", actor(request.association()),
                List.of(), null, null, outcome, reason, Instant.now()));
    }

    private static String detail(RetrieveRequest request, int failed, int total) {
        String destination = request.isMove() ? "to " + request.moveDestination() : null;
        if (failed == 0) {
            return destination;
        }
        return (destination == null ? "" : destination + ": ") + failed + " of " + total + " instances could not be read";
    }
}
