package org.vesalius.vna.archive.api;

import java.util.Objects;

/**
 * Where an instance sits in the study / series / instance hierarchy.
 *
 * @param studyInstanceUid  (0020,000D)
 * @param seriesInstanceUid (0020,000E)
 * @param sopInstanceUid    (0008,0018)
 */
public record InstanceRef(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {

    public InstanceRef {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    }
}
