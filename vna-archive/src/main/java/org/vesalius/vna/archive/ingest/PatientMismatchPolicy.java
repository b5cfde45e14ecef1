package org.vesalius.vna.archive.ingest;

import org.vesalius.vna.archive.api.ingest.IngestResult;

/**
 * What ingest does with an instance that joins a stored study (same Study Instance UID) under a
 * patient that contradicts the study's: another Patient ID (or the same under another Issuer),
 * another Patient's Name or Birth Date, after the journal's updates and merges are applied to
 * both ({@link StudyPatients}, {@link PatientIdentity}). Such an instance would otherwise put a
 * second patient's images in the first patient's study.
 */
public enum PatientMismatchPolicy {

    /**
     * Refuse the instance ({@link IngestResult.Problem#PATIENT_MISMATCH}: DIMSE 0xC409, STOW-RS
     * FailureReason 0xC409 / HTTP 409 when nothing was stored), with a reason naming the
     * contradicting attribute. Nothing is stored. The default.
     */
    REFUSE,

    /**
     * Store it as before this check existed, with a warning in the log: for migrations from
     * archives whose patients are fixed afterwards (by a patient update or merge through the
     * journal).
     */
    ACCEPT
}
