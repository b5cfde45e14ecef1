package org.vesalius.dicom.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A DA range for query matching (PS3.4 C.2.2.2.5): {@code A-B}, {@code A-} (from A on),
 * {@code -B} (up to B), or a single date {@code A}. Both bounds are inclusive; a null bound is
 * open.
 *
 * @param from the first date matched, or null for no lower bound
 * @param to the last date matched, or null for no upper bound
 * @param raw the text the range was parsed from, or the DICOM form of the bounds
 */
public record DateRange(LocalDate from, LocalDate to, String raw) {

    /**
     * Checks the bounds and fills in {@code raw} when null.
     *
     * @throws IllegalArgumentException when both bounds are open or {@code from} is after {@code to}
     */
    public DateRange {
        RangeText.checkBounds(from, to, from != null && to != null && from.isAfter(to), raw);
        raw = raw != null ? raw : RangeText.join(from == null ? null : DicomDateTime.formatDate(from),
                to == null ? null : DicomDateTime.formatDate(to), Objects.equals(from, to));
    }

    /** The range between two dates, either of which may be null (open). */
    public static DateRange of(LocalDate from, LocalDate to) {
        return new DateRange(from, to, null);
    }

    /**
     * Parses a DA range or single date; dates may use the legacy {@code YYYY.MM.DD} form.
     *
     * @throws IllegalArgumentException naming the text when it is not a valid range
     */
    public static DateRange parse(String text) {
        String[] parts = RangeText.split(text);
        LocalDate from = parts[0].isEmpty() ? null : date(parts[0], text);
        if (parts.length == 1) {
            return new DateRange(from, from, text);
        }
        return new DateRange(from, parts[1].isEmpty() ? null : date(parts[1], text), text);
    }

    /** True when {@code date} lies within the range, bounds included. */
    public boolean contains(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    private static LocalDate date(String part, String text) {
        return DicomDateTime.parseDate(part).orElseThrow(() -> RangeText.invalid(text, "'" + part + "' is not a DA value"));
    }
}
