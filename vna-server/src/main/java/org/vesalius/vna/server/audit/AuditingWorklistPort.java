package org.vesalius.vna.server.audit;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;

/**
 * The worklist port, audited: every order scheduled, changed or cancelled is an Order Record
 * (Update) record naming the patient, who changed it (the item's source) and what (status,
 * accession number, the item's id); a failed one is recorded as a failure before the exception
 * goes on. Searches are audited where they are asked (the Modality Worklist SCP, FHIR).
 */
public final class AuditingWorklistPort implements WorklistPort {

    private final WorklistPort delegate;
    private final AuditPort audit;
    private final Clock clock;

    private AuditingWorklistPort(WorklistPort delegate, AuditPort audit, Clock clock) {
        this.delegate = delegate;
        this.audit = audit;
        this.clock = clock;
    }

    /** The port itself when auditing is off, else the port audited. */
    public static WorklistPort around(WorklistPort port, AuditPort audit, Clock clock) {
        return audit == AuditPort.NONE ? port : new AuditingWorklistPort(port, audit, clock);
    }

    @Override
    public WorklistItem schedule(WorklistItem item) {
        return AuditedChange.run(audit, () -> delegate.schedule(item), (outcome, failure) -> event(item, outcome, failure),
                e -> e instanceof InvalidRequestException);
    }

    @Override
    public Optional<WorklistItem> item(String id) {
        return delegate.item(id);
    }

    @Override
    public List<WorklistItem> find(WorklistQuery query) {
        return delegate.find(query);
    }

    AuditEvent event(WorklistItem item, AuditEvent.Outcome outcome, String failure) {
        String what = "order " + item.status() + (item.accessionNumber().isEmpty() ? "" : ", accession " + item.accessionNumber())
                + " (" + item.id() + ")";
        return new AuditEvent(AuditEvent.Action.ORDER_RECORD, "order", new AuditEvent.Actor(item.source().isEmpty() ? null : item.source(),
                null, null), item.studyInstanceUid().isEmpty() ? List.of() : List.of(item.studyInstanceUid()), item.patient(), null, outcome,
                failure == null ? what : what + " failed: " + failure, clock.instant());
    }
}
