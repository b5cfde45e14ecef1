package org.vesalius.vna.archive.api.query;

import java.time.Instant;

/**
 * A window on the time the archive received instances, both ends inclusive, either open. An
 * entity is in the window when one of its instances was received in it (so a lower bound alone
 * selects the entities updated since then).
 *
 * @param from the earliest receipt, or null
 * @param to   the latest receipt, or null
 */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " > " + to);
        }
    }

    /** True when neither end is set. */
    public boolean open() {
        return from == null && to == null;
    }
}
