package org.vesalius.vna.archive.api.update;

import java.time.Instant;
import java.util.Objects;

/**
 * What an update did: its journal entry is durable, so from now on retrieval serves the change; the
 * index follows behind (usually within a second, later when the index is down).
 *
 * @param sequence   the journal entry's position (it sorts in the order entries were recorded)
 * @param recordedAt when the entry was made durable
 */
public record UpdateResult(String sequence, Instant recordedAt) {

    public UpdateResult {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
