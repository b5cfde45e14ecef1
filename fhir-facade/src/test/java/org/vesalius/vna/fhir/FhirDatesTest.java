package org.vesalius.vna.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FhirDatesTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private static FhirDates.Range parse(String v) {
        return FhirDates.parse("started", v, ZONE);
    }

    @Test
    void values_cover_their_precision_and_prefixes_open_the_range() {
        assertThat(parse("2024")).isEqualTo(new FhirDates.Range(LocalDateTime.of(2024, 1, 1, 0, 0),
                LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_999_999)));
        assertThat(parse("eq2024-02")).isEqualTo(new FhirDates.Range(LocalDateTime.of(2024, 2, 1, 0, 0),
                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999)));
        assertThat(parse("ge2024-02-03")).isEqualTo(new FhirDates.Range(LocalDateTime.of(2024, 2, 3, 0, 0), null));
        assertThat(parse("gt2024-02-03")).isEqualTo(new FhirDates.Range(LocalDateTime.of(2024, 2, 4, 0, 0), null));
        assertThat(parse("lt2024-02-03")).isEqualTo(new FhirDates.Range(null, LocalDateTime.of(2024, 2, 2, 23, 59, 59, 999_999_999)));
        assertThat(parse("le2024-02-03T10:15")).isEqualTo(new FhirDates.Range(null, LocalDateTime.of(2024, 2, 3, 10, 15, 59, 999_999_999)));
    }

    @Test
    void instants_are_seen_from_the_archive_zone() {
        assertThat(parse("2024-07-01T08:00:00Z").from()).isEqualTo(LocalDateTime.of(2024, 7, 1, 10, 0));
        assertThat(parse("2024-01-01T08:00:00+01:00").from()).isEqualTo(LocalDateTime.of(2024, 1, 1, 8, 0));
    }

    @Test
    void malformed_values_and_unsupported_prefixes_are_refused_by_name() {
        for (String bad : new String[] {"2024-13-01", "2024-02-30", "yesterday", "2024-1-1", "2024-01-01T25:00", ""}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(InvalidRequestException.class).hasMessageContaining("started");
        }
        assertThatThrownBy(() -> parse("ap2024")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("ap");
        assertThatThrownBy(() -> parse("ne2024")).isInstanceOf(InvalidRequestException.class);
    }
}
