package org.vesalius.vna.archive.dicomweb;

import org.vesalius.vna.archive.api.ingest.IngestResult;

/**
 * The Failure Reason (0008,1197) of each ingest failure in a Store Instances Response
 * (PS3.18 Table I.2-2), decided once for the STOW-RS edge.
 *
 * <table>
 *   <caption>Failure reasons</caption>
 *   <tr><th>ingest result</th><th>code</th><th>meaning</th></tr>
 *   <tr><td>StorageUnavailable</td><td>0xA700</td><td>Refused: out of resources (retry later)</td></tr>
 *   <tr><td>InvalidObject, content (missing or invalid UID, UID or study mismatch)</td><td>0xA900</td><td>Data Set does not match SOP Class</td></tr>
 *   <tr><td>InvalidObject, encoding (not DICOM, not Part 10, malformed, truncated, header too large)</td><td>0xC000</td><td>Cannot understand</td></tr>
 *   <tr><td>InvalidObject, patient mismatch (its patient contradicts its stored study's)</td><td>0xC409</td><td>Error of the
 *       "Cannot understand" family, as the C-STORE SCP answers it (see {@code dimse.CStoreStatuses}); an additional code as
 *       Table I.2-2 allows. HTTP 409 when nothing of the request was stored</td></tr>
 *   <tr><td>Duplicate (policy REJECT)</td><td>0x0111</td><td>Duplicate SOP Instance (PS3.7 C.4; an additional code as Table I.2-2 allows)</td></tr>
 *   <tr><td>SourceFailure, ProcessingFailure</td><td>0x0110</td><td>Processing failure</td></tr>
 * </table>
 */
final class StowFailureReasons {

    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** The instance's patient contradicts the patient of the stored study it would join. */
    public static final int PATIENT_MISMATCH = 0xC409;
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    public static final int PROCESSING_FAILURE = 0x0110;
    /** Warning Reason (0008,1196): Coercion of Data Elements. */
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;

    private StowFailureReasons() {
    }

    /** The Failure Reason for {@code failure}. */
    public static int of(IngestResult.Failure failure) {
        return switch (failure) {
            case IngestResult.StorageUnavailable s -> OUT_OF_RESOURCES;
            case IngestResult.InvalidObject i when i.problem() == IngestResult.Problem.PATIENT_MISMATCH -> PATIENT_MISMATCH;
            case IngestResult.InvalidObject i -> i.cannotUnderstand() ? CANNOT_UNDERSTAND : DATA_SET_DOES_NOT_MATCH_SOP_CLASS;
            case IngestResult.Duplicate d -> DUPLICATE_SOP_INSTANCE;
            case IngestResult.SourceFailure s -> PROCESSING_FAILURE;
            case IngestResult.ProcessingFailure p -> PROCESSING_FAILURE;
        };
    }
}
