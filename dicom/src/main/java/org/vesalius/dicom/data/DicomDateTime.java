package org.vesalius.dicom.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.Optional;

/**
 * Parses and formats the date and time VRs of PS3.5 Table 6.2-1: DA ({@code YYYYMMDD}), TM
 * ({@code HH[MM[SS[.F{1-6}]]]}) and DT ({@code YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX]}).
 *
 * <p>Parsing is lenient about padding (leading and trailing blanks or NULs) and accepts the
 * ACR-NEMA forms {@code YYYY.MM.DD} for DA and {@code HH:MM[:SS[.F]]} for TM; anything else
 * that is not a valid date or time gives an empty {@code Optional}, never an exception. A
 * leap second ({@code SS = 60}) is read as second 59, since {@code java.time} has no second 60.
 * Formatting writes the standard forms only.
 */
public final class DicomDateTime {

    private static final int NANOS_PER_SECOND = 1_000_000_000;

    private DicomDateTime() {
    }

    /**
     * A TM value with the span of time its precision covers: {@code 10} spans 10:00 to
     * 10:59:59.999999999.
     */
    record PartialTime(LocalTime start, LocalTime end) {
    }

    /**
     * A DT value with the span its precision covers, in the local time of {@code offset}, or of
     * an unstated offset when that is null; {@code precision} is the unit of the last field
     * given (YEARS to SECONDS, or NANOS when a fraction is given).
     */
    record PartialDateTime(LocalDateTime start, LocalDateTime end, ChronoUnit precision, ZoneOffset offset) {

        Temporal toTemporal() {
            return switch (precision) {
                case YEARS -> Year.of(start.getYear());
                case MONTHS -> YearMonth.from(start);
                case DAYS -> start.toLocalDate();
                default -> offset == null ? start : start.atOffset(offset);
            };
        }
    }

    /** Parses a DA value, {@code YYYYMMDD} or the legacy {@code YYYY.MM.DD}. */
    public static Optional<LocalDate> parseDate(String text) {
        String s = TextPadding.strip(text);
        if (s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.') {
            s = s.substring(0, 4) + s.substring(5, 7) + s.substring(8);
        }
        if (s.length() != 8 || !isDigits(s)) {
            return Optional.empty();
        }
        return Optional.ofNullable(date(number(s, 0, 4), number(s, 4, 6), number(s, 6, 8)));
    }

    /**
     * Parses a TM value: {@code HH}, {@code HHMM}, {@code HHMMSS}, {@code HHMMSS.F} with one to
     * six fraction digits, or the legacy {@code HH:MM}, {@code HH:MM:SS[.F]}. Missing fields are
     * zero: the result is the start of the span the value covers.
     */
    public static Optional<LocalTime> parseTime(String text) {
        return partialTime(text).map(PartialTime::start);
    }

    /**
     * Parses a DT value into the {@code java.time} type that matches its precision:
     * {@link Year} ({@code YYYY}), {@link YearMonth} ({@code YYYYMM}), {@link LocalDate}
     * ({@code YYYYMMDD}), {@link LocalDateTime} (with hours or finer), or
     * {@link OffsetDateTime} (hours or finer with an {@code &ZZXX} offset). An offset on a
     * value of day precision or coarser is dropped, since a calendar date does not shift.
     */
    public static Optional<Temporal> parseDateTime(String text) {
        return partialDateTime(text).map(PartialDateTime::toTemporal);
    }

    /**
     * Parses a DT value to the first instant of the span it covers ({@code 2024} gives
     * 2024-01-01T00:00), using {@code defaultOffset} when the value states none — typically
     * Timezone Offset From UTC (0008,0201) or the archive's own offset.
     */
    public static Optional<OffsetDateTime> parseDateTime(String text, ZoneOffset defaultOffset) {
        return partialDateTime(text).map(dt -> dt.start().atOffset(dt.offset() != null ? dt.offset() : defaultOffset));
    }

    /**
     * Parses an offset from UTC in the form {@code &ZZXX} ({@code +0100}, {@code -0500}), as in
     * DT values and Timezone Offset From UTC (0008,0201); -1200 to +1400.
     */
    public static Optional<ZoneOffset> parseOffset(String text) {
        return Optional.ofNullable(offset(TextPadding.strip(text)));
    }

    /** Formats a DA value, {@code YYYYMMDD}; years 0-9999 only. */
    public static String formatDate(LocalDate date) {
        StringBuilder sb = new StringBuilder(8);
        appendYear(sb, date.getYear());
        return pad2(pad2(sb, date.getMonthValue()), date.getDayOfMonth()).toString();
    }

    /** Formats a TM value, {@code HHMMSS} plus up to six fraction digits when not zero. */
    public static String formatTime(LocalTime time) {
        return appendTime(new StringBuilder(13), time).toString();
    }

    /**
     * Formats a DT value at the precision of the given type: {@link Year}, {@link YearMonth},
     * {@link LocalDate}, {@link LocalDateTime}, {@link OffsetDateTime} or {@link ZonedDateTime}
     * (the last two with their offset).
     *
     * @throws IllegalArgumentException for other types or years outside 0-9999
     */
    public static String formatDateTime(Temporal value) {
        StringBuilder sb = new StringBuilder(26);
        switch (value) {
            case Year year -> appendYear(sb, year.getValue());
            case YearMonth ym -> pad2(appendYear(sb, ym.getYear()), ym.getMonthValue());
            case LocalDate date -> sb.append(formatDate(date));
            case LocalDateTime dt -> appendTime(sb.append(formatDate(dt.toLocalDate())), dt.toLocalTime());
            case OffsetDateTime odt -> appendOffset(sb.append(formatDateTime(odt.toLocalDateTime())), odt.getOffset());
            case ZonedDateTime zdt -> sb.append(formatDateTime(zdt.toOffsetDateTime()));
            default -> throw new IllegalArgumentException("no DT form for " + value.getClass().getSimpleName());
        }
        return sb.toString();
    }

    /**
     * Formats an offset from UTC as {@code &ZZXX}.
     *
     * @throws IllegalArgumentException for offsets with seconds
     */
    public static String formatOffset(ZoneOffset offset) {
        return appendOffset(new StringBuilder(5), offset).toString();
    }

    static Optional<PartialTime> partialTime(String text) {
        String s = TextPadding.strip(text);
        if (s.indexOf(':') >= 0) {
            s = fromLegacyTime(s);
            if (s == null) {
                return Optional.empty();
            }
        }
        int dot = s.indexOf('.');
        return Optional.ofNullable(dot < 0 ? time(s, null) : time(s.substring(0, dot), s.substring(dot + 1)));
    }

    static Optional<PartialDateTime> partialDateTime(String text) {
        String s = TextPadding.strip(text);
        ZoneOffset offset = null;
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (sign >= 0) {
            offset = sign == s.length() - 5 ? offset(s.substring(sign)) : null;
            if (offset == null) {
                return Optional.empty();
            }
            s = s.substring(0, sign);
        }
        int dot = s.indexOf('.');
        String digits = dot < 0 ? s : s.substring(0, dot);
        int n = digits.length();
        if (!isDigits(digits) || n < 4 || n > 14 || n % 2 != 0 || (dot >= 0 && n != 14)) {
            return Optional.empty();
        }
        LocalDate date = date(number(digits, 0, 4), n >= 6 ? number(digits, 4, 6) : 1, n >= 8 ? number(digits, 6, 8) : 1);
        if (date == null) {
            return Optional.empty();
        }
        if (n <= 8) {
            ChronoUnit unit = n == 4 ? ChronoUnit.YEARS : n == 6 ? ChronoUnit.MONTHS : ChronoUnit.DAYS;
            LocalDateTime start = date.atStartOfDay();
            return Optional.of(new PartialDateTime(start, start.plus(1, unit).minusNanos(1), unit, offset));
        }
        PartialTime time = time(digits.substring(8), dot < 0 ? null : s.substring(dot + 1));
        if (time == null) {
            return Optional.empty();
        }
        ChronoUnit unit = dot >= 0 ? ChronoUnit.NANOS
                : n == 10 ? ChronoUnit.HOURS : n == 12 ? ChronoUnit.MINUTES : ChronoUnit.SECONDS;
        return Optional.of(new PartialDateTime(date.atTime(time.start()), date.atTime(time.end()), unit, offset));
    }

    /** {@code HH[MM[SS]]} plus an optional fraction (digits after the dot), or null. */
    private static PartialTime time(String hms, String fraction) {
        int n = hms.length();
        if ((n != 2 && n != 4 && n != 6) || !isDigits(hms)) {
            return null;
        }
        if (fraction != null && (n != 6 || fraction.isEmpty() || fraction.length() > 6 || !isDigits(fraction))) {
            return null;
        }
        int hour = number(hms, 0, 2);
        int minute = n >= 4 ? number(hms, 2, 4) : 0;
        int second = n >= 6 ? number(hms, 4, 6) : 0;
        if (hour > 23 || minute > 59 || second > 60) {
            return null;
        }
        int nanos = 0;
        long span = n == 2 ? 3600L * NANOS_PER_SECOND : n == 4 ? 60L * NANOS_PER_SECOND : NANOS_PER_SECOND;
        if (fraction != null) {
            span = (long) Math.pow(10, 9 - fraction.length());
            nanos = Integer.parseInt(fraction) * (int) span;
        }
        LocalTime start = LocalTime.of(hour, minute, Math.min(second, 59), nanos);
        return new PartialTime(start, start.plusNanos(span - 1));
    }

    /** {@code HH:MM[:SS[.F]]} to {@code HHMM[SS[.F]]}, or null when the colons are misplaced. */
    private static String fromLegacyTime(String s) {
        if (s.length() < 5 || s.charAt(2) != ':' || (s.length() > 5 && s.charAt(5) != ':')) {
            return null;
        }
        String compact = s.substring(0, 2) + s.substring(3, 5) + (s.length() > 5 ? s.substring(6) : "");
        return compact.indexOf(':') < 0 ? compact : null;
    }

    private static ZoneOffset offset(String s) {
        if (s.length() != 5 || (s.charAt(0) != '+' && s.charAt(0) != '-') || !isDigits(s.substring(1))) {
            return null;
        }
        int sign = s.charAt(0) == '-' ? -1 : 1;
        int hours = number(s, 1, 3);
        int minutes = number(s, 3, 5);
        int total = sign * (hours * 60 + minutes);
        if (minutes > 59 || total < -12 * 60 || total > 14 * 60) {
            return null;
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static StringBuilder appendTime(StringBuilder sb, LocalTime time) {
        pad2(pad2(pad2(sb, time.getHour()), time.getMinute()), time.getSecond());
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            String fraction = Integer.toString(1_000_000 + micros).substring(1);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(fraction, 0, end);
        }
        return sb;
    }

    private static StringBuilder appendOffset(StringBuilder sb, ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds % 60 != 0) {
            throw new IllegalArgumentException("DICOM offsets have no seconds: " + offset);
        }
        int minutes = Math.abs(seconds / 60);
        sb.append(seconds < 0 ? '-' : '+');
        return pad2(pad2(sb, minutes / 60), minutes % 60);
    }

    private static StringBuilder appendYear(StringBuilder sb, int year) {
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("DICOM years have four digits: " + year);
        }
        return sb.append(Integer.toString(10000 + year), 1, 5);
    }

    private static StringBuilder pad2(StringBuilder sb, int value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static int number(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
