package org.vesalius.vna.server.retrieve;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
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
 * @param maxDecodedFrameSize the most one decoded frame may take (rendering, decoded frames,
 *                      transcoding); a frame declaring more, or whose codestream claims more than
 *                      its data set, is refused (406, a failed sub-operation) before it is decoded
 * @param decodeBudget  the estimated memory all renderings in flight may take together; one that
 *                      cannot get its share within 20 s is answered 503; 0: a quarter of the heap
 */
@ConfigurationProperties("vna.retrieve")
@Validated
public record RetrieveProperties(
        @DefaultValue("true") boolean metadataCache,
        @DefaultValue("8") @Min(1) @Max(256) int parallelism,
        @NotNull @DefaultValue("365d") Duration pixelMaxAge,
        @DefaultValue("1") @Min(0) @Max(9) int jsonGzipLevel,
        @NotNull @DefaultValue("256MB") DataSize maxDecodedFrameSize,
        @NotNull @DefaultValue("0") DataSize decodeBudget) {

    public RetrieveProperties {
        if (maxDecodedFrameSize != null && maxDecodedFrameSize.toBytes() < 1) {
            throw new IllegalArgumentException("vna.retrieve.max-decoded-frame-size must be positive");
        }
        if (decodeBudget != null && decodeBudget.toBytes() != 0 && decodeBudget.toBytes() < 1024) {
            throw new IllegalArgumentException("vna.retrieve.decode-budget must be 0 (a quarter of the heap) or at least 1KB");
        }
        if (pixelMaxAge != null && pixelMaxAge.isNegative()) {
            throw new IllegalArgumentException("vna.retrieve.pixel-max-age must not be negative");
        }
    }
}
