package org.vesalius.vna.server.maintenance;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.archive.maintenance.VerifySettings;

/**
 * {@code vna.verify.*}: how {@code vna verify} runs (command mode only).
 *
 * @param threads   blobs read and hashed at once
 * @param batchSize instances compared with the index per request
 * @param index     compare the index with the blobs (false: digests only)
 * @param report    a file for the JSON lines report, or empty for none
 */
@ConfigurationProperties("vna.verify")
@Validated
public record VerifyProperties(
        @Min(1) @DefaultValue("2") int threads,
        @Min(1) @DefaultValue("200") int batchSize,
        @DefaultValue("true") boolean index,
        Path report) {

    VerifySettings toSettings() {
        return new VerifySettings(threads, batchSize, index, VerifySettings.DEFAULT.maxDirectoryKeys());
    }
}
