package org.vesalius.vna.archive.index.elasticsearch;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * How dates and times are indexed: as longs that sort like the values. DA as {@code yyyyMMdd},
 * TM as nanoseconds of the day, DT and combined date-times as microseconds since 1970 of the
 * local date-time (its UTC offset, if any, is not applied).
 */
final class Encodings {

    private Encodings() {
    }

    static long date(LocalDate d) {
        return d.getYear() * 10_000L + d.getMonthValue() * 100L + d.getDayOfMonth();
    }

    static long time(LocalTime t) {
        return t.toNanoOfDay();
    }

    static long dateTime(LocalDateTime dt) {
        return dt.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + dt.getNano() / 1_000;
    }
}
