package org.vesalius.vna.server.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.archive.ingest.DuplicatePolicy;

/**
 * {@code vna.ingest.*}.
 *
 * @param duplicatePolicy    {@code reject} (default) or {@code keep-as-new-version}
 * @param maxHeaderBytes     the most of an object held in memory while its header is parsed
 * @param defaultIssuer      default Issuer of Patient ID per sender
 * @param indexRetryAfter    after an index failure, how long ingest queues without trying it
 * @param catchUpInterval    how often the index queue is drained
 */
@ConfigurationProperties("vna.ingest")
@Validated
public record IngestProperties(
        @NotNull @DefaultValue("reject") DuplicatePolicy duplicatePolicy,
        @NotNull @DefaultValue("64MB") DataSize maxHeaderBytes,
        @Valid @DefaultValue DefaultIssuer defaultIssuer,
        @NotNull @DefaultValue("30s") Duration indexRetryAfter,
        @NotNull @DefaultValue("10s") Duration catchUpInterval) {

    /**
     * {@code vna.ingest.default-issuer.by-calling-ae.<AE>=<issuer>} and
     * {@code vna.ingest.default-issuer.by-stow-client.<client>=<issuer>}. Keys with characters
     * other than letters, digits, {@code -} and {@code .} (most AE titles: {@code _}, spaces) and
     * keys with dots (IP addresses) go in brackets, {@code by-calling-ae.[CT_SCANNER 1]}, or
     * Spring's relaxed binding alters them.
     */
    public record DefaultIssuer(@DefaultValue Map<String, String> byCallingAe, @DefaultValue Map<String, String> byStowClient) {
    }

    public IngestProperties {
        if (catchUpInterval != null && (catchUpInterval.isNegative() || catchUpInterval.isZero())) {
            throw new IllegalArgumentException("vna.ingest.catch-up-interval must be positive");
        }
    }
}
