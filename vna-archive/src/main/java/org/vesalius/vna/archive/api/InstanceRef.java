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

    /** The longest UID PS3.5 9.1 allows. */
    public static final int MAX_UID_LENGTH = 64;

    /**
     * True for a UID the archive accepts as a study, series or instance key: what edges check a
     * UID in a request against before they ask the archive, and the rule the blob store's key
     * layout applies. 1 to 64 characters, components of digits separated by single dots, no
     * component empty; padding (a trailing NUL or space) must be removed before. PS3.5 9.1 also
     * forbids leading zeros in a component, but legacy PACS are full of such UIDs
     * ({@code ...768994.0104484}) and dcmtk accepts them: an archive that consolidates those PACS
     * must not refuse their images, and the UID remains a safe key.
     */
    public static boolean isValidUid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > MAX_UID_LENGTH) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            if (i == uid.length() || uid.charAt(i) == '.') {
                if (i == componentStart) {
                    return false;
                }
                componentStart = i + 1;
            } else {
                char c = uid.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
        }
        return true;
    }
}
