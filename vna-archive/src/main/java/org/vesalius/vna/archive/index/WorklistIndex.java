package org.vesalius.vna.archive.index;

import java.util.List;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;

/**
 * The searchable copy of the worklist: one document per item, replaced when the item changes.
 * Derived from the items in the blob store ({@code archive.worklist}). Implementations throw
 * {@link IndexUnavailableException} when the index cannot be written or cannot answer.
 */
public interface WorklistIndex {

    /** Stores {@code item}'s document (replacing the one of the same id); visible to {@link #find} within the index's refresh interval. */
    void put(WorklistItem item);

    /** The items {@code query} matches, the earliest scheduled step first, at most {@code query.limit()}. */
    List<WorklistItem> find(WorklistQuery query);
}
