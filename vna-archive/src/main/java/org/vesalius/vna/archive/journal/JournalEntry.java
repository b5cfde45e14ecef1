package org.vesalius.vna.archive.journal;

import java.time.Instant;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.storage.BlobKey;

/**
 * One patient update in the journal: from {@code recordedAt} on, every instance of
 * {@code patient} carries {@code newValues}. Entries are immutable once written.
 *
 * @param sequence   the entry's position in the journal: {@code yyyyMMddHHmmssSSS-xxxxxx}, which
 *                   sorts in the order entries were recorded (the journal orders by it, across
 *                   patients too)
 * @param recordedAt when the entry was made durable
 * @param patient    the identity the update is for (Patient ID + Issuer of Patient ID)
 * @param newValues  the top-level attributes to set, patient level only ({@link PatientAttributes});
 *                   frozen. Setting Patient ID or Issuer of Patient ID moves the instances to
 *                   another identity, where later entries of that identity apply
 * @param reason     why, in a sentence (e.g. the HL7 message that asked for it)
 * @param source     who asked (e.g. {@code HL7:ADT^A08 from HIS}), for the audit trail
 */
public record JournalEntry(String sequence, Instant recordedAt, PatientId patient, Dataset newValues, String reason,
        String source) {

    public JournalEntry {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(newValues, "newValues");
        reason = reason == null ? "" : reason;
        source = source == null ? "" : source;
        newValues.freeze();
    }

    /** Where the entry is stored. */
    public BlobKey key() {
        return JournalKeys.entry(patient, sequence);
    }

    /** The identity an instance of {@code patient} has after this entry. */
    public PatientId resultingIdentity() {
        String id = newValues.contains(Tags.PatientID) ? newValues.getString(Tags.PatientID, "") : patient.id();
        String issuer = newValues.contains(Tags.IssuerOfPatientID) ? newValues.getString(Tags.IssuerOfPatientID, "")
                : patient.issuer();
        return new PatientId(id, issuer);
    }

    /** True when the entry gives its instances another identity (a merge or an ID correction). */
    public boolean changesIdentity() {
        return !resultingIdentity().equals(patient);
    }
}
