package org.vesalius.vna.server.update;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vna.update.*}.
 *
 * @param catchUpInterval how often markers of index work this process does not hold (a crash before,
 *                        another node) are looked for and adopted
 * @param settle          how long after a patient's last update its index work is checked once more,
 *                        for studies the index had not made searchable yet, before its marker goes
 */
@ConfigurationProperties("vna.update")
@Validated
public record UpdateProperties(@NotNull @DefaultValue("10s") Duration catchUpInterval, @NotNull @DefaultValue("10s") Duration settle) {

    public UpdateProperties {
        if (catchUpInterval != null && (catchUpInterval.isNegative() || catchUpInterval.isZero())) {
            throw new IllegalArgumentException("vna.update.catch-up-interval must be positive");
        }
        if (settle != null && settle.isNegative()) {
            throw new IllegalArgumentException("vna.update.settle must not be negative");
        }
    }
}
