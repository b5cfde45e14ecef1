package org.vesalius.vna.server.audit;

import java.time.Clock;
import java.util.List;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.update.UpdateResult;

/**
 * The update port, audited: every patient update or merge (new Patient ID or issuer) becomes a
 * Patient Record (Update) record naming the patient as it was, who asked (the update's source),
 * and the outcome; a failed update (the journal could not be written, a refused attribute) is
 * recorded as a failure before the exception goes on.
 */
public final class AuditingUpdatePort implements UpdatePort {

    private final UpdatePort delegate;
    private final AuditPort audit;
    private final Clock clock;

    public AuditingUpdatePort(UpdatePort delegate, AuditPort audit, Clock clock) {
        this.delegate = delegate;
        this.audit = audit;
        this.clock = clock;
    }

    /** The port itself when auditing is off, else the port audited. */
    public static UpdatePort around(UpdatePort port, AuditPort audit, Clock clock) {
        return audit == AuditPort.NONE ? port : new AuditingUpdatePort(port, audit, clock);
    }

    @Override
    public UpdateResult update(PatientUpdate update) {
        return AuditedChange.run(audit, () -> delegate.update(update), (outcome, failure) -> event(update, outcome, failure),
                e -> e instanceof IllegalArgumentException);
    }

    @Override
    public void link(PatientId a, PatientId b, String source) {
        AuditedChange.run(audit, () -> {
            delegate.link(a, b, source);
            return null;
        }, (outcome, failure) -> linkEvent("link", a, b, source, outcome, failure), e -> e instanceof IllegalArgumentException);
    }

    @Override
    public boolean unlink(PatientId a, PatientId b, String source) {
        return AuditedChange.run(audit, () -> delegate.unlink(a, b, source),
                (outcome, failure) -> linkEvent("unlink", a, b, source, outcome, failure), e -> e instanceof IllegalArgumentException);
    }

    private AuditEvent linkEvent(String what, PatientId a, PatientId b, String source, AuditEvent.Outcome outcome, String failure) {
        String text = what + " of " + a + " and " + b;
        return new AuditEvent(AuditEvent.Action.PATIENT_RECORD, "patient " + what,
                new AuditEvent.Actor(source == null || source.isEmpty() ? null : source, null, null), List.of(), a, null, outcome,
                failure == null ? text : text + " failed: " + failure, clock.instant());
    }

    AuditEvent event(PatientUpdate update, AuditEvent.Outcome outcome, String failure) {
        boolean merge = update.newValues().contains(Tags.PatientID) || update.newValues().contains(Tags.IssuerOfPatientID);
        String what = (merge ? "merge" : "update") + (update.reason().isEmpty() ? "" : ": " + update.reason());
        return new AuditEvent(AuditEvent.Action.PATIENT_RECORD, merge ? "patient merge" : "patient update",
                new AuditEvent.Actor(update.source().isEmpty() ? null : update.source(), null, null), List.of(), update.patient(), null,
                outcome, failure == null ? what : what + " failed: " + failure, clock.instant());
    }
}
