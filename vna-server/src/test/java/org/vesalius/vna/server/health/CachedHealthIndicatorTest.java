package org.vesalius.vna.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;

class CachedHealthIndicatorTest {

    private Instant now = Instant.parse("2026-12-07T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void computesAtMostOncePerPeriodWhateverTheRequestRate() {
        AtomicInteger checks = new AtomicInteger();
        CachedHealthIndicator cached = new CachedHealthIndicator(
                () -> Health.up().withDetail("check", checks.incrementAndGet()).build(), Duration.ofSeconds(5), clock);

        for (int i = 0; i < 1000; i++) {
            cached.health();
        }
        assertThat(checks).hasValue(1);

        now = now.plusSeconds(5);
        assertThat(cached.health().getDetails()).containsEntry("check", 2);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aDownAnswerIsCachedTooAndRefreshedAfterThePeriod() {
        AtomicInteger checks = new AtomicInteger();
        CachedHealthIndicator cached = new CachedHealthIndicator(
                () -> checks.incrementAndGet() == 1 ? Health.down().build() : Health.up().build(), Duration.ofSeconds(5), clock);

        assertThat(cached.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(cached.health().getStatus().getCode()).isEqualTo("DOWN");
        now = now.plusSeconds(6);
        assertThat(cached.health().getStatus().getCode()).isEqualTo("UP");
    }
}
