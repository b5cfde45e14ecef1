package org.vesalius.vna.archive.api;

import java.time.Instant;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;

/**
 * One instance as the archive knows it after ingest: what the index is built from, and what
 * {@code reindex} rebuilds from the blob store (instance header + journal).
 *
 * @param ref               study / series / instance UIDs
 * @param patient           the patient identity, issuer included (after coercion)
 * @param sopClassUid       (0008,0016)
 * @param transferSyntaxUid the transfer syntax the object is stored in
 * @param header            the instance's attributes up to (not including) Pixel Data, after
 *                          coercion; frozen. The index takes the study, series and instance
 *                          level attributes it needs for queries from it. Bounded for the
 *                          index: very large sequences, private attributes and large values of a
 *                          header may be left out here (the blob keeps them whole).
 * @param blob              where the Part 10 object is stored, with its size and SHA-256
 * @param receivedAt        when the archive accepted it
 * @param sourceAeTitle     the calling AE title or STOW client that sent it ("" when unknown)
 */
public record ArchivedInstance(
        InstanceRef ref,
        PatientId patient,
        String sopClassUid,
        String transferSyntaxUid,
        Dataset header,
        StoredBlob blob,
        Instant receivedAt,
        String sourceAeTitle) {

    public ArchivedInstance {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(receivedAt, "receivedAt");
        sourceAeTitle = sourceAeTitle == null ? "" : sourceAeTitle;
    }
}
