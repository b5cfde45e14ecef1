package org.vesalius.vna.server.dicomweb;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vna.stow.*}.
 *
 * @param maxConcurrent most STOW-RS request bodies read at the same time; one more is answered
 *                      503 with {@code Retry-After} before its body is read (each body holds a
 *                      request thread and, while its header is parsed, heap)
 * @param retryAfter    the {@code Retry-After} of a STOW-RS 503 (busy, or every part refused for
 *                      want of resources)
 */
@ConfigurationProperties("vna.stow")
@Validated
public record StowProperties(@DefaultValue("32") int maxConcurrent, @NotNull @DefaultValue("10s") Duration retryAfter) {

    public StowProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("vna.stow.max-concurrent must be positive: " + maxConcurrent);
        }
        if (retryAfter != null && (retryAfter.isNegative() || retryAfter.isZero())) {
            throw new IllegalArgumentException("vna.stow.retry-after must be positive: " + retryAfter);
        }
    }
}
