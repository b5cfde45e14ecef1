package org.vesalius.vna.archive.maintenance;

import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link Reindexer} run did.
 *
 * @param index           the new live index
 * @param previous        the index that was live before, if any
 * @param previousDropped whether {@code previous} was deleted
 * @param instances       instances indexed from the walk over the blob store (current versions)
 * @param series          series directories walked
 * @param studies         studies walked
 * @param olderVersions   older versions passed over (kept in the store, not indexed: ingest
 *                        indexes the newest)
 * @param copiedFromLive  instances received while the build ran (or within the clock skew before it),
 *                        indexed again from the store; each counted once
 * @param skipped         instances that could not be indexed (reported one by one as findings)
 * @param markersCleared  index queue markers deleted because the new index holds their instance
 * @param duration        how long it took
 */
public record ReindexReport(String index, Optional<String> previous, boolean previousDropped, long instances, long series,
        long studies, long olderVersions, long copiedFromLive, long skipped, long markersCleared, Duration duration) {

    /** The summary as one line of text. */
    public String summary() {
        return String.format("reindex: %d instance(s) in %d series of %d stud%s indexed into %s in %.1f s; %d older"
                        + " version(s) passed over; %d received meanwhile copied; %d skipped; %d queue marker(s) cleared;"
                        + " previous index %s",
                instances, series, studies, studies == 1 ? "y" : "ies", index, duration.toMillis() / 1000.0, olderVersions,
                copiedFromLive, skipped, markersCleared,
                previous.map(p -> p + (previousDropped ? " deleted" : " kept")).orElse("none"));
    }
}
