package org.vesalius.vna.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flood of refused tokens gives a bounded number of records, and the next one says how many were held back. */
class RefusalThrottleTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aFloodIsRecordedUpToTheLimitAndTheRestIsCountedInTheNextRecord() {
        RefusalThrottle throttle = new RefusalThrottle(3, clock);
        List<RefusalThrottle.Decision> flood = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            flood.add(throttle.next());
        }
        now = now.plus(Duration.ofSeconds(61));
        RefusalThrottle.Decision next = throttle.next();

        assertThat(flood.stream().filter(RefusalThrottle.Decision::record).count()).isEqualTo(3);
        assertThat(next.record()).isTrue();
        assertThat(next.heldBack()).isEqualTo(9_997);
        assertThat(next.heldBackSince()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(throttle.next().heldBack()).isZero();
    }

    @Test
    void atLeastOneAMinute() {
        assertThatThrownBy(() -> new RefusalThrottle(0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
