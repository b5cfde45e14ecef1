package org.vesalius.vna.archive.api;

import java.util.Objects;
import org.vesalius.vna.archive.storage.InstanceKeys;

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

    /**
     * True for a UID the archive accepts as a study, series or instance key: what edges check a
     * UID in a request path against before they ask the archive (up to 64 characters, digits
     * separated by single dots; leading zeros in a component are tolerated, as legacy PACS send
     * them). The same rule the blob store's key layout applies.
     */
    public static boolean isValidUid(String uid) {
        return InstanceKeys.isValidUid(uid);
    }
}
