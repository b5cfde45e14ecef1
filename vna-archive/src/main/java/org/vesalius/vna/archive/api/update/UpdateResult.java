package org.vesalius.vna.archive.api.update;

import java.time.Instant;
import java.util.Objects;

/**
 * What an update did.
 *
 * @param sequence         the journal entry's position (it sorts in the order entries were
 *                         recorded); the entry is durable: from now on retrieval serves the change
 * @param recordedAt       when the entry was made durable
 * @param instancesIndexed instances whose index documents were rewritten
 * @param indexPending     true when the index could not be brought in line now (it is down): a
 *                         durable marker makes the update feature's catch-up finish it
 */
public record UpdateResult(String sequence, Instant recordedAt, int instancesIndexed, boolean indexPending) {

    public UpdateResult {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
