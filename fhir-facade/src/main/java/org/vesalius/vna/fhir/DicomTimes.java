package org.vesalius.vna.fhir;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateTimeType;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.DicomDateTime;
import org.vesalius.dicom.data.Tags;

/**
 * DICOM date and time pairs as FHIR dateTime: a date alone stays a date; with a time the value
 * gets the data set's Timezone Offset From UTC (0008,0201), or the configured zone's offset then
 * (FHIR requires an offset whenever there is a time).
 */
final class DicomTimes {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private DicomTimes() {
    }

    static Optional<DateTimeType> dateTime(Dataset d, int dateTag, int timeTag, Dataset context, ZoneId zone) {
        Optional<LocalDate> date = d.getDate(dateTag);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalTime> time = d.getTime(timeTag);
        if (time.isEmpty()) {
            return Optional.of(new DateTimeType(date.get().toString()));
        }
        LocalDateTime local = date.get().atTime(time.get());
        ZoneOffset offset = offset(d).or(() -> offset(context)).orElseGet(() -> zone.getRules().getOffset(local));
        DateTimeFormatter format = local.getNano() >= 1_000_000 ? MILLIS : SECONDS;
        return Optional.of(new DateTimeType(local.atOffset(offset).format(format)));
    }

    private static Optional<ZoneOffset> offset(Dataset d) {
        String tz = d == null ? null : d.getString(Tags.TimezoneOffsetFromUTC);
        return tz == null || tz.isEmpty() ? Optional.empty() : DicomDateTime.parseOffset(tz);
    }
}
