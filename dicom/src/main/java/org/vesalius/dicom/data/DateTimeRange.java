package org.vesalius.dicom.data;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A DT range for query matching (PS3.4 C.2.2.2.5): {@code A-B}, {@code A-}, {@code -B} or a
 * single value {@code A}. A bound covers the whole span of its precision, so {@code 2020-2021}
 * matches 2020-01-01T00:00 up to 2021-12-31T23:59:59.999999999.
 *
 * <p>Bounds are local date-times in {@code offset}, or in an unstated local time when
 * {@code offset} is null. When only one bound states an offset, it applies to both; when both
 * do and they differ, the upper bound is converted to the lower bound's offset.
 *
 * <p>A negative offset also uses {@code -}, so {@code 20200101-0500} could be a range or a
 * date with offset -05:00. Every reading is tried; readings whose lower bound falls after the
 * upper are dropped, a reading as a range is preferred to one as a single value, and text that
 * still has several readings is rejected as ambiguous.
 *
 * @param from the first date-time matched, or null for no lower bound
 * @param to the last date-time matched, inclusive, or null for no upper bound
 * @param offset the offset from UTC of both bounds, or null when the text states none
 * @param raw the text the range was parsed from, or the DICOM form of the bounds
 */
public record DateTimeRange(LocalDateTime from, LocalDateTime to, ZoneOffset offset, String raw) {

    /**
     * Checks the bounds and fills in {@code raw} when null.
     *
     * @throws IllegalArgumentException when both bounds are open or {@code from} is after {@code to}
     */
    public DateTimeRange {
        RangeText.checkBounds(from, to, from != null && to != null && from.isAfter(to), raw);
        raw = raw != null ? raw : RangeText.join(format(from, offset), format(to, offset), false);
    }

    /** The range between two local date-times, inclusive, either of which may be null (open). */
    public static DateTimeRange of(LocalDateTime from, LocalDateTime to) {
        return new DateTimeRange(from, to, null, null);
    }

    /**
     * Parses a DT range or single value.
     *
     * @throws IllegalArgumentException naming the text when it is not a valid, unambiguous range
     */
    public static DateTimeRange parse(String text) {
        String s = TextPadding.strip(text);
        if (s.isEmpty()) {
            throw RangeText.invalid(text, "empty range");
        }
        List<DateTimeRange> ranges = new ArrayList<>();
        for (int hyphen = s.indexOf('-'); hyphen >= 0; hyphen = s.indexOf('-', hyphen + 1)) {
            DateTimeRange range = reading(s.substring(0, hyphen), s.substring(hyphen + 1), text);
            if (range != null) {
                ranges.add(range);
            }
        }
        if (ranges.isEmpty()) {
            DicomDateTime.PartialDateTime single = DicomDateTime.partialDateTime(s).orElse(null);
            if (single != null) {
                return new DateTimeRange(single.start(), single.end(), single.offset(), text);
            }
            throw RangeText.invalid(text, "not a DT value or range");
        }
        if (ranges.size() > 1) {
            throw RangeText.invalid(text, "ambiguous: '-' may separate the bounds or start an offset");
        }
        return ranges.get(0);
    }

    /** True when {@code dateTime}, read in this range's local time, lies within it. */
    public boolean contains(LocalDateTime dateTime) {
        return (from == null || !dateTime.isBefore(from)) && (to == null || !dateTime.isAfter(to));
    }

    /**
     * True when the instant lies within the range. A range without offset is compared with
     * the value's own local date-time.
     */
    public boolean contains(OffsetDateTime dateTime) {
        LocalDateTime local = offset == null ? dateTime.toLocalDateTime()
                : dateTime.withOffsetSameInstant(offset).toLocalDateTime();
        return contains(local);
    }

    /** The range read with the hyphen between {@code left} and {@code right}, or null. */
    private static DateTimeRange reading(String left, String right, String text) {
        if (left.isEmpty() && right.isEmpty()) {
            return null;
        }
        DicomDateTime.PartialDateTime lower = left.isEmpty() ? null : DicomDateTime.partialDateTime(left).orElse(null);
        DicomDateTime.PartialDateTime upper = right.isEmpty() ? null : DicomDateTime.partialDateTime(right).orElse(null);
        if ((lower == null && !left.isEmpty()) || (upper == null && !right.isEmpty())) {
            return null;
        }
        ZoneOffset offset = lower != null && lower.offset() != null ? lower.offset() : upper != null ? upper.offset() : null;
        LocalDateTime from = lower == null ? null : lower.start();
        LocalDateTime to = upper == null ? null : upper.end();
        if (to != null && upper.offset() != null && !upper.offset().equals(offset)) {
            to = to.atOffset(upper.offset()).withOffsetSameInstant(offset).toLocalDateTime();
        }
        if (from != null && to != null && from.isAfter(to)) {
            return null;
        }
        return new DateTimeRange(from, to, offset, text);
    }

    private static String format(LocalDateTime bound, ZoneOffset offset) {
        if (bound == null) {
            return null;
        }
        return DicomDateTime.formatDateTime(offset == null ? bound : bound.atOffset(offset));
    }
}
