package org.vesalius.dicom.data;

import java.time.LocalTime;

/**
 * A TM range for query matching (PS3.4 C.2.2.2.5): {@code A-B}, {@code A-}, {@code -B} or a
 * single time {@code A}. A bound covers the whole span of its precision, so {@code 10-11}
 * matches 10:00 up to 11:59:59.999999999 and the single value {@code 1015} matches that minute.
 * A range does not wrap around midnight: a lower bound after the upper one is rejected.
 *
 * @param from the first time matched, or null for no lower bound
 * @param to the last time matched, inclusive, or null for no upper bound
 * @param raw the text the range was parsed from, or the DICOM form of the bounds
 */
public record TimeRange(LocalTime from, LocalTime to, String raw) {

    /**
     * Checks the bounds and fills in {@code raw} when null.
     *
     * @throws IllegalArgumentException when both bounds are open or {@code from} is after {@code to}
     */
    public TimeRange {
        RangeText.checkBounds(from, to, from != null && to != null && from.isAfter(to), raw);
        raw = raw != null ? raw : RangeText.join(from == null ? null : DicomDateTime.formatTime(from),
                to == null ? null : DicomDateTime.formatTime(to), false);
    }

    /** The range between two times, inclusive, either of which may be null (open). */
    public static TimeRange of(LocalTime from, LocalTime to) {
        return new TimeRange(from, to, null);
    }

    /**
     * Parses a TM range or single time; times may use the legacy {@code HH:MM:SS} form.
     *
     * @throws IllegalArgumentException naming the text when it is not a valid range
     */
    public static TimeRange parse(String text) {
        String[] parts = RangeText.split(text);
        DicomDateTime.PartialTime lower = parts[0].isEmpty() ? null : time(parts[0], text);
        if (parts.length == 1) {
            return new TimeRange(lower.start(), lower.end(), text);
        }
        DicomDateTime.PartialTime upper = parts[1].isEmpty() ? null : time(parts[1], text);
        return new TimeRange(lower == null ? null : lower.start(), upper == null ? null : upper.end(), text);
    }

    /** True when {@code time} lies within the range, bounds included. */
    public boolean contains(LocalTime time) {
        return (from == null || !time.isBefore(from)) && (to == null || !time.isAfter(to));
    }

    private static DicomDateTime.PartialTime time(String part, String text) {
        return DicomDateTime.partialTime(part)
                .orElseThrow(() -> RangeText.invalid(text, "'" + part + "' is not a TM value"));
    }
}
