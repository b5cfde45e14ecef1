package org.vesalius.vna.archive.index;

import java.util.List;
import java.util.Objects;

/**
 * How an instance's document in the index differs from the one its blob gives.
 *
 * @param sopInstanceUid the instance
 * @param kind           what differs
 * @param fields         the index fields that differ (for {@link Kind#STALE} and
 *                       {@link Kind#ATTRIBUTES}); attributes of the stored header as
 *                       {@code vna.dataset.ggggeeee}
 */
public record DocumentDifference(String sopInstanceUid, Kind kind, List<String> fields) {

    /** What differs. */
    public enum Kind {
        /** The index has no document for the instance. */
        MISSING,
        /** The document describes another object: another version, size or digest. */
        STALE,
        /** Same object, but matchable or stored attributes differ. */
        ATTRIBUTES
    }

    public DocumentDifference {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
    }
}
