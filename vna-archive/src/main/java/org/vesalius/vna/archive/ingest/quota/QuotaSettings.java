package org.vesalius.vna.archive.ingest.quota;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Per-source ingest quotas.
 *
 * @param window   the period a quota covers; use refills continuously (a sliding window)
 * @param fallback the quota of every source not named in {@code sources}
 * @param sources  quotas by source, named as the logs name it: {@code DIMSE:<calling AE>},
 *                 {@code STOW_RS:<client>}, {@code MIGRATION:<job>}
 */
public record QuotaSettings(Duration window, Quota fallback, Map<String, Quota> sources) {

    /** No quota anywhere. */
    public static final QuotaSettings NONE = new QuotaSettings(Duration.ofHours(1), Quota.UNLIMITED, Map.of());

    public QuotaSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(fallback, "fallback");
        sources = Map.copyOf(sources);
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("the quota window is at least 1 s: " + window);
        }
    }

    /** The quota of {@code source} (as {@code IngestSource.toString()} names it). */
    public Quota of(String source) {
        return sources.getOrDefault(source, fallback);
    }

    /** True when some source has a limit. */
    public boolean any() {
        return !fallback.unlimited() || sources.values().stream().anyMatch(q -> !q.unlimited());
    }
}
