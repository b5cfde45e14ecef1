package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DicomDateTimeTest {

    @Test
    void parsesDates() {
        assertThat(DicomDateTime.parseDate("20240229")).contains(LocalDate.of(2024, 2, 29));
        assertThat(DicomDateTime.parseDate("1993.08.22")).contains(LocalDate.of(1993, 8, 22));
        assertThat(DicomDateTime.parseDate(" 20240101 \0")).contains(LocalDate.of(2024, 1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024", "202401", "20230229", "20241301", "20240132", "2024-01-01", "2024010a",
        "+2024010", "1993.8.22", "199301011"})
    void rejectsInvalidDates(String text) {
        assertThat(DicomDateTime.parseDate(text)).isEmpty();
    }

    @Test
    void nullIsEmpty() {
        assertThat(DicomDateTime.parseDate(null)).isEmpty();
        assertThat(DicomDateTime.parseTime(null)).isEmpty();
        assertThat(DicomDateTime.parseDateTime(null)).isEmpty();
    }

    @Test
    void parsesTimesOfEveryPrecision() {
        assertThat(DicomDateTime.parseTime("07")).contains(LocalTime.of(7, 0));
        assertThat(DicomDateTime.parseTime("0730")).contains(LocalTime.of(7, 30));
        assertThat(DicomDateTime.parseTime("073015")).contains(LocalTime.of(7, 30, 15));
        assertThat(DicomDateTime.parseTime("073015.1")).contains(LocalTime.of(7, 30, 15, 100_000_000));
        assertThat(DicomDateTime.parseTime("073015.123456 ")).contains(LocalTime.of(7, 30, 15, 123_456_000));
        assertThat(DicomDateTime.parseTime("07:30:15.5")).contains(LocalTime.of(7, 30, 15, 500_000_000));
        assertThat(DicomDateTime.parseTime("07:30")).contains(LocalTime.of(7, 30));
        assertThat(DicomDateTime.parseTime("235960")).contains(LocalTime.of(23, 59, 59));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "073", "24", "0760", "073061", "073015.", "073015.1234567", "0730.5",
        "07:3", "07:30:1", "0730:15", "07:30:15:00", "ab", "07 30"})
    void rejectsInvalidTimes(String text) {
        assertThat(DicomDateTime.parseTime(text)).isEmpty();
    }

    @Test
    void partialTimeCoversItsPrecision() {
        DicomDateTime.PartialTime t = DicomDateTime.partialTime("23").orElseThrow();
        assertThat(t.start()).isEqualTo(LocalTime.of(23, 0));
        assertThat(t.end()).isEqualTo(LocalTime.MAX);
        assertThat(DicomDateTime.partialTime("101010.12").orElseThrow().end())
                .isEqualTo(LocalTime.of(10, 10, 10, 129_999_999));
    }

    @Test
    void parsesDateTimesToTheTypeOfTheirPrecision() {
        assertThat(DicomDateTime.parseDateTime("2024")).contains(Year.of(2024));
        assertThat(DicomDateTime.parseDateTime("202402")).contains(YearMonth.of(2024, 2));
        assertThat(DicomDateTime.parseDateTime("20240229")).contains(LocalDate.of(2024, 2, 29));
        assertThat(DicomDateTime.parseDateTime("2024022913")).contains(LocalDateTime.of(2024, 2, 29, 13, 0));
        assertThat(DicomDateTime.parseDateTime("202402291305")).contains(LocalDateTime.of(2024, 2, 29, 13, 5));
        assertThat(DicomDateTime.parseDateTime("20240229130559.25"))
                .contains(LocalDateTime.of(2024, 2, 29, 13, 5, 59, 250_000_000));
        assertThat(DicomDateTime.parseDateTime("20240229130559+0100"))
                .contains(OffsetDateTime.of(2024, 2, 29, 13, 5, 59, 0, ZoneOffset.ofHours(1)));
        assertThat(DicomDateTime.parseDateTime("2024022913-0530"))
                .contains(OffsetDateTime.of(2024, 2, 29, 13, 0, 0, 0, ZoneOffset.ofHoursMinutes(-5, -30)));
        // Day precision or coarser drops the offset.
        assertThat(DicomDateTime.parseDateTime("20240229+0900")).contains(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "202", "20240", "2024022", "20240230", "2024022924", "20240229130561.1",
        "20240229.5", "2024022913.5", "20240229130559.1234567", "20240229+01", "20240229+1500", "20240229-1201",
        "20240229+0160", "2024+01:00", "20240229130559+0100+0100", "x2024"})
    void rejectsInvalidDateTimes(String text) {
        assertThat(DicomDateTime.parseDateTime(text)).isEmpty();
    }

    @Test
    void dateTimeWithDefaultOffset() {
        assertThat(DicomDateTime.parseDateTime("2024", ZoneOffset.UTC))
                .contains(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(DicomDateTime.parseDateTime("202401011200-0500", ZoneOffset.UTC))
                .contains(OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(-5)));
    }

    @Test
    void parsesOffsets() {
        assertThat(DicomDateTime.parseOffset("+1400")).contains(ZoneOffset.ofHours(14));
        assertThat(DicomDateTime.parseOffset("-1200")).contains(ZoneOffset.ofHours(-12));
        assertThat(DicomDateTime.parseOffset("+0545")).contains(ZoneOffset.ofHoursMinutes(5, 45));
        assertThat(DicomDateTime.parseOffset("0100")).isEmpty();
        assertThat(DicomDateTime.parseOffset("+1401")).isEmpty();
    }

    @Test
    void formats() {
        assertThat(DicomDateTime.formatDate(LocalDate.of(812, 3, 4))).isEqualTo("08120304");
        assertThat(DicomDateTime.formatTime(LocalTime.of(7, 5))).isEqualTo("070500");
        assertThat(DicomDateTime.formatTime(LocalTime.of(7, 5, 9, 120_000_000))).isEqualTo("070509.12");
        assertThat(DicomDateTime.formatTime(LocalTime.of(7, 5, 9, 999))).isEqualTo("070509");
        assertThat(DicomDateTime.formatTime(LocalTime.MAX)).isEqualTo("235959.999999");
        assertThat(DicomDateTime.formatDateTime(Year.of(2024))).isEqualTo("2024");
        assertThat(DicomDateTime.formatDateTime(YearMonth.of(2024, 2))).isEqualTo("202402");
        assertThat(DicomDateTime.formatDateTime(LocalDate.of(2024, 2, 29))).isEqualTo("20240229");
        assertThat(DicomDateTime.formatDateTime(LocalDateTime.of(2024, 2, 29, 13, 5))).isEqualTo("20240229130500");
        assertThat(DicomDateTime.formatDateTime(OffsetDateTime.of(2024, 2, 29, 13, 5, 0, 1000, ZoneOffset.ofHoursMinutes(-3, -30))))
                .isEqualTo("20240229130500.000001-0330");
        assertThat(DicomDateTime.formatDateTime(ZonedDateTime.of(2024, 7, 1, 0, 0, 0, 0, ZoneId.of("Europe/Paris"))))
                .isEqualTo("20240701000000+0200");
        assertThat(DicomDateTime.formatOffset(ZoneOffset.UTC)).isEqualTo("+0000");
    }

    @Test
    void formatRejectsWhatDicomCannotExpress() {
        assertThatThrownBy(() -> DicomDateTime.formatDate(LocalDate.of(10000, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DicomDateTime.formatDate(LocalDate.of(-1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DicomDateTime.formatDateTime(LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DicomDateTime.formatOffset(ZoneOffset.ofTotalSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseAndFormatRoundTrip() {
        for (String dt : new String[] {"2024", "202402", "20240229", "20240229130559.123456+0100", "20240229130559-0800"}) {
            Optional<String> back = DicomDateTime.parseDateTime(dt).map(DicomDateTime::formatDateTime);
            assertThat(back).contains(dt);
        }
        assertThat(DicomDateTime.formatTime(DicomDateTime.parseTime("101010.5").orElseThrow())).isEqualTo("101010.5");
    }
}
