package org.vesalius.vna.server.retrieve;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vna.retrieve.*}.
 *
 * @param metadataCache keep each instance's WADO-RS metadata document beside its blob once computed
 * @param parallelism   instances a series or study metadata request reads at once
 * @param pixelMaxAge   {@code Cache-Control: max-age} of frames and bulk data (immutable unless an
 *                      instance gets a new version, see {@code vna.ingest.duplicate-policy})
 * @param jsonGzipLevel deflate level (1 fastest .. 9 smallest, 0 off) of WADO-RS metadata for
 *                      clients that accept gzip
 */
@ConfigurationProperties("vna.retrieve")
@Validated
public record RetrieveProperties(
        @DefaultValue("true") boolean metadataCache,
        @DefaultValue("8") @Min(1) @Max(256) int parallelism,
        @NotNull @DefaultValue("365d") Duration pixelMaxAge,
        @DefaultValue("1") @Min(0) @Max(9) int jsonGzipLevel) {

    public RetrieveProperties {
        if (pixelMaxAge != null && pixelMaxAge.isNegative()) {
            throw new IllegalArgumentException("vna.retrieve.pixel-max-age must not be negative");
        }
    }
}
