package org.vesalius.vna.archive.maintenance;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a {@link Verifier} run found.
 *
 * @param blobs         objects whose content was read and hashed
 * @param bytes         bytes read
 * @param instances     instances (current versions) whose header was read and compared
 * @param documents     index documents checked against the store
 * @param counts        findings by code
 * @param indexCompared whether the index was compared at all
 * @param duration      how long it took
 */
public record VerifyReport(long blobs, long bytes, long instances, long documents, Map<Finding.Code, Long> counts,
        boolean indexCompared, Duration duration) {

    /** Exit code: everything agrees. */
    public static final int CLEAN = 0;
    /** Exit code: differences found. */
    public static final int DIFFERENCES = 1;
    /** Exit code: the check could not run (storage or index unavailable, bad configuration). */
    public static final int COULD_NOT_RUN = 2;

    public VerifyReport {
        counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(counts)); // in code order
    }

    /** Findings that are differences (notes such as {@link Finding.Code#QUEUED} excluded). */
    public long differences() {
        return counts.entrySet().stream().filter(e -> e.getKey().difference()).mapToLong(Map.Entry::getValue).sum();
    }

    /** {@link #CLEAN} or {@link #DIFFERENCES}. */
    public int exitCode() {
        return differences() == 0 ? CLEAN : DIFFERENCES;
    }

    /** The summary as one line of text. */
    public String summary() {
        String found = counts.isEmpty() ? "nothing to report"
                : counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
        return String.format("verify: %s; %d blob(s), %d byte(s) hashed, %d instance(s)%s in %.1f s: %s",
                differences() == 0 ? "CLEAN" : differences() + " DIFFERENCE(S)", blobs, bytes, instances,
                indexCompared ? ", " + documents + " index document(s) checked" : " (index not compared)",
                duration.toMillis() / 1000.0, found);
    }
}
