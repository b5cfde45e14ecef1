package org.vesalius.vna.archive.api.ingest;

/**
 * The identifiers of an ingested object as far as they could be read, for the responses that
 * must name it (C-STORE response, STOW-RS ReferencedSOPSequence / FailedSOPSequence).
 *
 * @param sopClassUid      (0008,0016), "" when unknown
 * @param sopInstanceUid   (0008,0018), "" when unknown
 * @param studyInstanceUid (0020,000D), "" when unknown
 */
public record ObjectIds(String sopClassUid, String sopInstanceUid, String studyInstanceUid) {

    /** Nothing known (the bytes were not DICOM). */
    public static final ObjectIds UNKNOWN = new ObjectIds("", "", "");

    public ObjectIds {
        sopClassUid = sopClassUid == null ? "" : sopClassUid;
        sopInstanceUid = sopInstanceUid == null ? "" : sopInstanceUid;
        studyInstanceUid = studyInstanceUid == null ? "" : studyInstanceUid;
    }
}
