package org.vesalius.vna.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.ingest.ObjectIds;

/** A peer that cycles through calling AE titles cannot grow the ingest timer's series without bound. */
class IngestSourceCardinalityTest {

    @Test
    void theIngestTimerKeepsAtMostTheCappedNumberOfSources() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MetricsConfiguration().ingestSourceCardinality());
        TimedIngestPort port = new TimedIngestPort(request -> new IngestResult.ProcessingFailure(ObjectIds.UNKNOWN, "test"),
                registry);

        int offered = MetricsConfiguration.MAX_INGEST_SOURCES + 50;
        for (int i = 0; i < offered; i++) {
            port.ingest(IngestRequest.part10(IngestSource.dimse("AE" + i), new ByteArrayInputStream(new byte[0]), null));
        }

        assertThat(registry.find("vna.ingest.instances").timers()).hasSize(MetricsConfiguration.MAX_INGEST_SOURCES);
    }
}
