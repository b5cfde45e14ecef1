package org.vesalius.vna.server.dicomweb;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vna.stow.*}.
 *
 * @param maxConcurrent most STOW-RS request bodies read at the same time; one more is answered
 *                      503 with {@code Retry-After} before its body is read (each body holds a
 *                      request thread and, while its header is parsed, heap)
 * @param retryAfter    the {@code Retry-After} of a STOW-RS 503 (busy, or every part refused for
 *                      want of resources)
 * @param minBodyRate   the slowest a request body may arrive, per second, measured over
 *                      {@code bodyRateWindow} of waiting for it; a slower one is given up (400) and
 *                      its slot freed; 0 turns the check off
 * @param bodyRateWindow the waiting time over which {@code minBodyRate} is measured
 */
@ConfigurationProperties("vna.stow")
@Validated
public record StowProperties(@DefaultValue("32") int maxConcurrent, @NotNull @DefaultValue("10s") Duration retryAfter,
        @NotNull @DefaultValue("1KB") DataSize minBodyRate, @NotNull @DefaultValue("30s") Duration bodyRateWindow) {

    public StowProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("vna.stow.max-concurrent must be positive: " + maxConcurrent);
        }
        if (retryAfter != null && (retryAfter.isNegative() || retryAfter.isZero())) {
            throw new IllegalArgumentException("vna.stow.retry-after must be positive: " + retryAfter);
        }
        if (minBodyRate != null && minBodyRate.isNegative()) {
            throw new IllegalArgumentException("vna.stow.min-body-rate must not be negative: " + minBodyRate);
        }
        if (bodyRateWindow != null && bodyRateWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("vna.stow.body-rate-window must be at least 1s: " + bodyRateWindow);
        }
    }
}
