package org.vesalius.vna.hl7.notify;

import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.update.UpdateResult;

/**
 * The update port that also tells the destinations of the change: after an update or merge has
 * been applied, the studies of the patient it leaves (the merge's target, else the patient
 * updated) are put in the outbox as changed. Telling never fails the update: a failure to ask the
 * index for the patient's studies is logged.
 */
public final class NotifyingUpdatePort implements UpdatePort {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyingUpdatePort.class);

    private final UpdatePort updates;
    private final StudyNotifier notifier;
    private final Clock clock;

    public NotifyingUpdatePort(UpdatePort updates, StudyNotifier notifier, Clock clock) {
        this.updates = Objects.requireNonNull(updates, "updates");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public UpdateResult update(PatientUpdate update) {
        UpdateResult result = updates.update(update);
        String newId = update.newValues().getString(Tags.PatientID);
        PatientId patient = newId == null ? update.patient()
                : new PatientId(newId, update.newValues().getString(Tags.IssuerOfPatientID, ""));
        try {
            notifier.changed(patient, "journal " + result.sequence(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("the studies changed by journal entry {} could not be put in the HL7 outbox: {}", result.sequence(), e.getMessage());
        }
        return result;
    }
}
