package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangesTest {

    @Nested
    class Dates {

        @Test
        void parsesAllForms() {
            assertThat(DateRange.parse("20240101-20241231"))
                    .isEqualTo(new DateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "20240101-20241231"));
            assertThat(DateRange.parse("20240101-").to()).isNull();
            assertThat(DateRange.parse("-20241231").from()).isNull();
            DateRange single = DateRange.parse("20240229 ");
            assertThat(single.from()).isEqualTo(single.to()).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(single.raw()).isEqualTo("20240229 ");
            assertThat(DateRange.parse("2024.01.01-2024.01.31").to()).isEqualTo(LocalDate.of(2024, 1, 31));
        }

        @Test
        void containsIsInclusive() {
            DateRange range = DateRange.parse("20240101-20240131");
            assertThat(range.contains(LocalDate.of(2024, 1, 1))).isTrue();
            assertThat(range.contains(LocalDate.of(2024, 1, 31))).isTrue();
            assertThat(range.contains(LocalDate.of(2024, 2, 1))).isFalse();
            assertThat(range.contains(LocalDate.of(2023, 12, 31))).isFalse();
            assertThat(DateRange.parse("-20240101").contains(LocalDate.of(1900, 1, 1))).isTrue();
            assertThat(DateRange.parse("20240101-").contains(LocalDate.of(2999, 1, 1))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "-", "2024-", "20240101-2024", "20240101--20240102", "20240101-20240102-20240103",
            "20241231-20240101", "abc", "20240230"})
        void rejectsMalformedRangesNamingTheText(String text) {
            assertThatThrownBy(() -> DateRange.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'");
        }

        @Test
        void buildsRawFromBounds() {
            assertThat(DateRange.of(LocalDate.of(2024, 1, 1), null).raw()).isEqualTo("20240101-");
            assertThat(DateRange.of(null, LocalDate.of(2024, 1, 1)).raw()).isEqualTo("-20240101");
            assertThat(DateRange.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1)).raw()).isEqualTo("20240101");
            assertThatThrownBy(() -> DateRange.of(null, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Times {

        @Test
        void boundsCoverTheirPrecision() {
            TimeRange range = TimeRange.parse("10-11");
            assertThat(range.from()).isEqualTo(LocalTime.of(10, 0));
            assertThat(range.to()).isEqualTo(LocalTime.of(11, 59, 59, 999_999_999));
            assertThat(range.contains(LocalTime.of(11, 59, 59))).isTrue();
            assertThat(range.contains(LocalTime.of(12, 0))).isFalse();
            assertThat(range.contains(LocalTime.of(9, 59, 59))).isFalse();
        }

        @Test
        void singleValueMatchesItsSpan() {
            TimeRange minute = TimeRange.parse("1015");
            assertThat(minute.contains(LocalTime.of(10, 15, 30))).isTrue();
            assertThat(minute.contains(LocalTime.of(10, 16))).isFalse();
        }

        @Test
        void openBoundsAndLegacyForm() {
            assertThat(TimeRange.parse("-0800").contains(LocalTime.MIDNIGHT)).isTrue();
            assertThat(TimeRange.parse("22-").contains(LocalTime.MAX)).isTrue();
            assertThat(TimeRange.parse("08:00:00-09:30").to()).isEqualTo(LocalTime.of(9, 30, 59, 999_999_999));
            assertThat(TimeRange.of(LocalTime.NOON, null).raw()).isEqualTo("120000-");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-", "25-", "10-09", "2300-0100", "1-2", "10-11-12", "10.5-11"})
        void rejectsMalformedRanges(String text) {
            assertThatThrownBy(() -> TimeRange.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'");
        }
    }

    @Nested
    class DateTimes {

        @Test
        void partialBoundsCoverTheirPrecision() {
            DateTimeRange range = DateTimeRange.parse("2020-2021");
            assertThat(range.from()).isEqualTo(LocalDateTime.of(2020, 1, 1, 0, 0));
            assertThat(range.to()).isEqualTo(LocalDateTime.of(2021, 12, 31, 23, 59, 59, 999_999_999));
            assertThat(range.offset()).isNull();
            assertThat(range.contains(LocalDateTime.of(2021, 6, 1, 0, 0))).isTrue();
            assertThat(range.contains(LocalDateTime.of(2022, 1, 1, 0, 0))).isFalse();
        }

        @Test
        void singleValueWithNegativeOffsetIsNotARange() {
            DateTimeRange range = DateTimeRange.parse("20200101-0500");
            assertThat(range.from()).isEqualTo(LocalDateTime.of(2020, 1, 1, 0, 0));
            assertThat(range.to()).isEqualTo(LocalDateTime.of(2020, 1, 1, 23, 59, 59, 999_999_999));
            assertThat(range.offset()).isEqualTo(ZoneOffset.ofHours(-5));
        }

        @Test
        void boundsWithOffsets() {
            DateTimeRange range = DateTimeRange.parse("20200101120000-0500-20200101180000+0100");
            assertThat(range.offset()).isEqualTo(ZoneOffset.ofHours(-5));
            // 18:00+01:00 is 12:00-05:00.
            assertThat(range.to()).isEqualTo(LocalDateTime.of(2020, 1, 1, 12, 0, 0, 999_999_999));
            assertThat(range.contains(OffsetDateTime.of(2020, 1, 1, 17, 0, 0, 0, ZoneOffset.UTC))).isTrue();
            assertThat(range.contains(OffsetDateTime.of(2020, 1, 1, 18, 0, 1, 0, ZoneOffset.ofHours(1)))).isFalse();
        }

        @Test
        void oneOffsetAppliesToBothBounds() {
            DateTimeRange range = DateTimeRange.parse("202001011200-202001011300+0100");
            assertThat(range.offset()).isEqualTo(ZoneOffset.ofHours(1));
            assertThat(range.from()).isEqualTo(LocalDateTime.of(2020, 1, 1, 12, 0));
        }

        @Test
        void openBounds() {
            assertThat(DateTimeRange.parse("-20200101-0500").to()).isEqualTo(LocalDateTime.of(2020, 1, 1, 23, 59, 59, 999_999_999));
            assertThat(DateTimeRange.parse("20200101-0500-").from()).isEqualTo(LocalDateTime.of(2020, 1, 1, 0, 0));
            assertThat(DateTimeRange.parse("2020-").contains(LocalDateTime.of(3000, 1, 1, 0, 0))).isTrue();
            assertThat(DateTimeRange.of(LocalDateTime.of(2020, 1, 1, 0, 0), null).raw()).isEqualTo("20200101000000-");
        }

        @Test
        void rangeWithoutOffsetComparesLocalTime() {
            DateTimeRange range = DateTimeRange.parse("2020010112-2020010113");
            assertThat(range.contains(OffsetDateTime.of(2020, 1, 1, 12, 30, 0, 0, ZoneOffset.ofHours(9)))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-", "2021-2020", "abc", "2020-x", "20200101-0500-0600", "2020-0500-0600", "202"})
        void rejectsMalformedRanges(String text) {
            assertThatThrownBy(() -> DateTimeRange.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'");
        }

        @Test
        void rejectsAmbiguousText() {
            // Both readings of 1200-1200 work: a year range, or year 1200 at offset -12:00.
            assertThat(DateTimeRange.parse("1200-1200").offset()).isNull();
            // Years 100 to 100 at -02:00, or year 100 at -01:00 to year 200.
            assertThatThrownBy(() -> DateTimeRange.parse("0100-0100-0200"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ambiguous");
        }
    }
}
