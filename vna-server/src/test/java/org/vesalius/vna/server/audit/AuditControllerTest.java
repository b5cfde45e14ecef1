package org.vesalius.vna.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditSearch;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;

/** The /api/audit parameters: every filter read, every bad value a 400 naming its parameter. */
class AuditControllerTest {

    @Test
    void everyFilterIsRead() {
        AuditSearch search = AuditController.parse(Map.of("from", "2026-12-07", "to", "2026-12-07T12:00:00Z", "user", "alice",
                "address", "10.0.0.1", "patient", "P1^^^HOSP", "study", "1.2.3", "type", "QUERY", "outcome", "MINOR_FAILURE",
                "limit", "20", "offset", "40"));

        assertThat(search).isEqualTo(new AuditSearch(Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-07T12:00:00Z"),
                "alice", "10.0.0.1", "P1^^^HOSP", "1.2.3", "QUERY", AuditEvent.Outcome.MINOR_FAILURE, null, 40, 20));
        assertThat(AuditController.parse(Map.of("to", "2026-12-07")).to()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(AuditController.parse(Map.of()).limit()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from|yesterday", "from|2026-13-45", "to|2026-12-07T25:00:00Z", "limit|-1", "limit|0", "limit|1001",
            "limit|99999999999999999999", "limit|1e3", "offset|-5", "offset|x", "offset|9950", "outcome|GREAT", "type|everything",
            "user|''", "drop|table"})
    void badValuesAreRefusedByName(String name, String value) {
        assertThatThrownBy(() -> AuditController.parse(Map.of(name, value)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.parameter()).isEqualTo(name));
    }

    @Test
    void anEmptyTimeRangeIsRefused() {
        assertThatThrownBy(() -> AuditController.parse(Map.of("from", "2026-12-08", "to", "2026-12-07")))
                .isInstanceOf(InvalidRequestException.class);
    }
}
