package org.vesalius.vna.archive.api.worklist;

import java.util.List;
import java.util.Optional;

/**
 * The archive's worklist of imaging orders. Implemented in {@code archive.worklist}: an item is
 * written to the blob store (the truth) and then to the worklist index (what searches read).
 */
public interface WorklistPort {

    /**
     * Stores {@code item}, replacing the item of the same id (a changed order, a new status).
     *
     * @return the item stored
     * @throws org.vesalius.vna.archive.api.failure.InvalidRequestException an item the worklist cannot hold
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the blob store or the index
     *         could not be written; send it again (storing the same item again is harmless)
     */
    WorklistItem schedule(WorklistItem item);

    /**
     * The item with this id, read from the blob store (so it is there while the index is down).
     *
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the blob store cannot be read
     */
    Optional<WorklistItem> item(String id);

    /**
     * The items {@code query} matches, the earliest scheduled first.
     *
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the index cannot answer
     */
    List<WorklistItem> find(WorklistQuery query);
}
