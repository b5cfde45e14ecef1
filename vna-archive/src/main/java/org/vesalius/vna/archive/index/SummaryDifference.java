package org.vesalius.vna.archive.index;

import java.util.List;
import java.util.Objects;

/**
 * How a study or series summary the index keeps differs from the one its instances give.
 *
 * @param id     the summary's document id ({@code study:<uid>}, {@code series:<uid>})
 * @param uid    the Study or Series Instance UID
 * @param kind   what differs
 * @param fields the summary fields that differ (for {@link Kind#DIFFERS})
 */
public record SummaryDifference(String id, String uid, Kind kind, List<String> fields) {

    /** What differs. */
    public enum Kind {
        /** The entity has instances but no summary. */
        MISSING,
        /** A summary whose entity has no instance left. */
        ORPHANED,
        /** Counts, receipt time or attributes differ from what the instances give. */
        DIFFERS
    }

    public SummaryDifference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
    }
}
