package org.vesalius.vna.archive.api.query;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.data.DateRange;
import org.vesalius.dicom.data.DateTimeRange;
import org.vesalius.dicom.data.TimeRange;

/**
 * How one key attribute matches (PS3.4 C.2.2.2). What "equal" means depends on the attribute's
 * VR; see {@link AttributeMatch} and the module README's matching table.
 */
public sealed interface Condition {

    /** Universal matching (C.2.2.2.3): the key only asks for the value to be returned. */
    record Universal() implements Condition {
        /** The one instance. */
        public static final Universal INSTANCE = new Universal();
    }

    /**
     * Single value matching (C.2.2.2.1): the value, trimmed, without wildcards. Integers (IS, US,
     * ...) hold their canonical decimal form.
     */
    record SingleValue(String value) implements Condition {
        public SingleValue {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Several values, any of which matches: List of UID matching (C.2.2.2.2) for UI keys, and for
     * CS keys (for example ModalitiesInStudy {@code CT\MR}) any of several codes.
     */
    record ValueList(List<String> values) implements Condition {
        public ValueList {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("empty value list");
            }
        }
    }

    /** Wild card matching (C.2.2.2.4): {@code *} any sequence of characters, {@code ?} exactly one. */
    record Wildcard(String pattern) implements Condition {
        public Wildcard {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** Range matching of a DA key (C.2.2.2.5); a single date is a range of one day. */
    record DateRangeMatch(DateRange range) implements Condition {
        public DateRangeMatch {
            Objects.requireNonNull(range, "range");
        }
    }

    /** Range matching of a TM key; a single time covers the span of its precision. */
    record TimeRangeMatch(TimeRange range) implements Condition {
        public TimeRangeMatch {
            Objects.requireNonNull(range, "range");
        }
    }

    /** Range matching of a DT key; a single value covers the span of its precision. */
    record DateTimeRangeMatch(DateTimeRange range) implements Condition {
        public DateTimeRangeMatch {
            Objects.requireNonNull(range, "range");
        }
    }

    /**
     * Combined date-time matching (C.2.2.2.5.1) of a DA key and its TM partner (StudyDate and
     * StudyTime, ...): the range runs from the lower date at the lower time to the upper date at
     * the upper time. An open time bound is the start (lower) or the end (upper) of the day.
     *
     * @param timeTag the TM partner, which then matches universally
     * @param date    the date range
     * @param time    the time range
     */
    record CombinedDateTimeMatch(int timeTag, DateRange date, TimeRange time) implements Condition {
        public CombinedDateTimeMatch {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(time, "time");
        }

        /** The combined range: from {@code date.from} at {@code time.from}, to {@code date.to} at {@code time.to}. */
        public DateTimeRange toDateTimeRange() {
            return DateTimeRange.of(
                    date.from() == null ? null : date.from().atTime(time.from() == null ? LocalTime.MIN : time.from()),
                    date.to() == null ? null : date.to().atTime(time.to() == null ? LocalTime.MAX : time.to()));
        }
    }

    /**
     * Sequence matching (C.2.2.2.6): an entity matches when one item of its sequence matches
     * every item key at once.
     */
    record SequenceMatch(List<AttributeMatch> itemMatches) implements Condition {
        public SequenceMatch {
            itemMatches = List.copyOf(itemMatches);
            if (itemMatches.isEmpty()) {
                throw new IllegalArgumentException("sequence matching needs item keys");
            }
        }
    }
}
