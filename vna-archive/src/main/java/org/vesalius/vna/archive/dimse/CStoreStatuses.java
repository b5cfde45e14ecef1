package org.vesalius.vna.archive.dimse;

import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.vna.archive.api.ingest.IngestResult;

/**
 * The C-STORE response status of each ingest outcome (PS3.4 Table B.2-1, PS3.7 C), decided once
 * for the DIMSE edge. The Error Comment is the outcome's message (cut to 64 characters on the wire).
 *
 * <p><b>Why C409 for a patient mismatch.</b> PS3.4 Table B.2-1 gives a Storage SCP three failure
 * families: A7xx "Refused: Out of Resources" (a sender retries it later: this would never pass),
 * A9xx "Data Set does not match SOP Class" (false: the data set is a valid instance of its class),
 * and Cxxx "Cannot understand", the family of errors an SCP finds in an instance it will not take,
 * which senders treat as final. C409 is in that family, distinct from the encoding errors (C000) so
 * that a sender's log can tell them apart; 409 echoes HTTP's Conflict, which STOW-RS answers.
 *
 * <table>
 *   <caption>C-STORE statuses</caption>
 *   <tr><th>ingest result</th><th>status</th></tr>
 *   <tr><td>Stored (new, already stored, new version)</td><td>0000 Success</td></tr>
 *   <tr><td>Stored with coercions</td><td>B000 Warning: Coercion of Data Elements</td></tr>
 *   <tr><td>StorageUnavailable</td><td>A700 Refused: Out of Resources</td></tr>
 *   <tr><td>InvalidObject, content (missing or invalid UID, mismatch with the command)</td><td>A900 Error: Data Set does not match SOP Class</td></tr>
 *   <tr><td>Duplicate (policy REJECT)</td><td>A900, comment "… already stored with different content"</td></tr>
 *   <tr><td>InvalidObject, encoding (malformed, truncated, header too large)</td><td>C000 Error: Cannot understand</td></tr>
 *   <tr><td>InvalidObject, patient mismatch (the instance's patient contradicts its stored study's)</td><td>C409 Error
 *       (PS3.4 B.2.3 "Cxxx"), comment "patient contradicts study: PatientName (0010,0010) …"</td></tr>
 *   <tr><td>SourceFailure, ProcessingFailure</td><td>0110 Processing failure</td></tr>
 * </table>
 */
final class CStoreStatuses {

    /** C409: the instance's patient contradicts its stored study's (an Error of the Cxxx family). */
    public static final DicomStatus PATIENT_MISMATCH = new DicomStatus(0xC409);
    /** B000: Coercion of Data Elements. */
    public static final DicomStatus COERCION_OF_DATA_ELEMENTS = new DicomStatus(0xB000);

    private CStoreStatuses() {
    }

    /** The status for {@code result}. */
    public static DicomStatus of(IngestResult result) {
        return switch (result) {
            case IngestResult.Stored s -> s.coercions().isEmpty() ? DicomStatus.SUCCESS : COERCION_OF_DATA_ELEMENTS;
            case IngestResult.StorageUnavailable s -> DicomStatus.OUT_OF_RESOURCES;
            case IngestResult.InvalidObject i when i.problem() == IngestResult.Problem.PATIENT_MISMATCH -> PATIENT_MISMATCH;
            case IngestResult.InvalidObject i -> i.cannotUnderstand() ? DicomStatus.CANNOT_UNDERSTAND
                    : DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS;
            case IngestResult.Duplicate d -> DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS;
            case IngestResult.SourceFailure s -> DicomStatus.PROCESSING_FAILURE;
            case IngestResult.ProcessingFailure p -> DicomStatus.PROCESSING_FAILURE;
        };
    }

    /**
     * The Error Comment for {@code result}, or null for a plain success. The wire keeps 64
     * characters, so the comment leads with what matters.
     */
    public static String comment(IngestResult result) {
        return switch (result) {
            case IngestResult.Stored s -> s.coercions().isEmpty() ? null : s.coercions().get(0).reason();
            case IngestResult.Duplicate d -> "SOP Instance UID already stored with different content";
            case IngestResult.Failure f -> f.message();
        };
    }
}
