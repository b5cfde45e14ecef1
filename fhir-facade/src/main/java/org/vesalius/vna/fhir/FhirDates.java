package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FHIR date search values ({@code [prefix]YYYY[-MM[-DD[Thh:mm[:ss[.fff]][Z|(+|-)hh:mm]]]]}) as
 * ranges of local date-times in the archive's zone. Prefixes eq, gt, ge, lt, le; others are
 * refused. A value covers the span of its precision ({@code 2024} is the whole year).
 */
final class FhirDates {

    /** An inclusive range; null ends are open. */
    record Range(LocalDateTime from, LocalDateTime to) {
        Range intersect(Range other) {
            LocalDateTime f = from == null ? other.from : other.from == null ? from : (from.isAfter(other.from) ? from : other.from);
            LocalDateTime t = to == null ? other.to : other.to == null ? to : (to.isBefore(other.to) ? to : other.to);
            return new Range(f, t);
        }

        boolean empty() {
            return from != null && to != null && from.isAfter(to);
        }
    }

    private static final Pattern VALUE = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:\\d{2})?)?)?)?");

    private FhirDates() {
    }

    static Range parse(String parameter, String text, ZoneId zone) {
        String prefix = text.length() > 2 && Character.isLetter(text.charAt(0)) ? text.substring(0, 2) : "eq";
        String value = text.length() > 2 && Character.isLetter(text.charAt(0)) ? text.substring(2) : text;
        Matcher m = VALUE.matcher(value);
        if (!m.matches()) {
            throw new InvalidRequestException(parameter + ": '" + text + "' is not a FHIR date or dateTime");
        }
        LocalDateTime start;
        LocalDateTime end;
        try {
            int year = Integer.parseInt(m.group(1));
            if (m.group(2) == null) {
                start = LocalDate.of(year, 1, 1).atStartOfDay();
                end = start.plusYears(1).minusNanos(1);
            } else if (m.group(3) == null) {
                start = LocalDate.of(year, Integer.parseInt(m.group(2)), 1).atStartOfDay();
                end = start.plusMonths(1).minusNanos(1);
            } else if (m.group(4) == null) {
                start = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).atStartOfDay();
                end = start.plusDays(1).minusNanos(1);
            } else {
                LocalDate date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                int seconds = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
                String fraction = m.group(7) == null ? "" : m.group(7);
                int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
                LocalDateTime local = date.atTime(LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), seconds, nanos));
                if (m.group(8) != null) { // an instant: seen from the archive's zone
                    ZoneOffset offset = m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
                    local = OffsetDateTime.of(local, offset).atZoneSameInstant(zone).toLocalDateTime();
                }
                ChronoUnit unit = m.group(6) == null ? ChronoUnit.MINUTES : fraction.isEmpty() ? ChronoUnit.SECONDS : ChronoUnit.NANOS;
                start = local;
                end = unit == ChronoUnit.NANOS ? local : local.plus(1, unit).minusNanos(1);
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new InvalidRequestException(parameter + ": '" + text + "' is not a valid date (" + e.getMessage() + ")");
        }
        return switch (prefix) {
            case "eq" -> new Range(start, end);
            case "ge", "sa" -> prefix.equals("ge") ? new Range(start, null) : new Range(end.plusNanos(1), null);
            case "gt" -> new Range(end.plusNanos(1), null);
            case "le" -> new Range(null, end);
            case "lt", "eb" -> new Range(null, start.minusNanos(1));
            default -> throw new InvalidRequestException(parameter + ": prefix '" + prefix
                    + "' is not supported (eq, gt, ge, lt, le, sa, eb are)");
        };
    }
}
