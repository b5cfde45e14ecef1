package org.vesalius.vna.server.maintenance;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.archive.maintenance.ReindexSettings;

/**
 * {@code vna.reindex.*}: how {@code vna reindex} runs (command mode only).
 *
 * @param threads       headers read at once
 * @param batchSize     instances per bulk request
 * @param takeOver      discard the index of a build marked as running (an interrupted reindex)
 * @param keepPrevious  keep the index that was live before the switch instead of deleting it
 * @param clockSkew     how far clocks of nodes, S3 and Elasticsearch may disagree
 * @param report        a file for the JSON lines report, or empty for none
 */
@ConfigurationProperties("vna.reindex")
@Validated
public record ReindexProperties(
        @Min(1) @DefaultValue("4") int threads,
        @Min(1) @DefaultValue("500") int batchSize,
        @DefaultValue("false") boolean takeOver,
        @DefaultValue("false") boolean keepPrevious,
        @NotNull @DefaultValue("5m") Duration clockSkew,
        Path report) {

    /** The archive's settings; {@code clearQueue} is false when the blob store is only readable. */
    ReindexSettings toSettings(boolean clearQueue) {
        return new ReindexSettings(batchSize, threads, takeOver, keepPrevious, clockSkew, clearQueue,
                ReindexSettings.DEFAULT.maxDirectoryKeys());
    }
}
