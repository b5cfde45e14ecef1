package org.vesalius.vna.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.server.dimse.DicomListener;

/**
 * The gauges read at each scrape: the ingest log's depth (records not yet indexed), its flushes,
 * and the DICOM listener's open associations. The timers and counters are recorded where the work happens (the port and
 * index decorators, the WADO response writer).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** Counting the queue stops here (a listing step per marker), as the health indicator does. */
    static final long QUEUE_COUNT_LIMIT = 100_000;

    /** How many calling AE titles the ingest timer keeps a series for; later ones are not recorded by source. */
    static final int MAX_INGEST_SOURCES = 200;

    /**
     * The ingest timer is tagged by calling AE title, which any peer chooses: without a cap a
     * client cycling through AE titles would grow the registry (and every scrape) without bound.
     */
    @Bean
    MeterFilter ingestSourceCardinality() {
        return MeterFilter.maximumAllowableTags("vna.ingest.instances", "source", MAX_INGEST_SOURCES, MeterFilter.deny());
    }

    @Bean
    MeterBinder ingestLogDepth(IndexQueue queue) {
        return registry -> Gauge.builder("vna.ingest.log.depth", queue, MetricsConfiguration::depth)
                .description("Instances waiting for the index: ingest log records not yet indexed, plus index-queue"
                        + " markers of an older version still to drain (counted up to " + QUEUE_COUNT_LIMIT + ")")
                .baseUnit("instances")
                .register(registry);
    }

    @Bean
    MeterBinder ingestLogFlushes(IngestFeature feature) {
        IngestLog log = feature.ingestLog();
        return registry -> {
            FunctionCounter.builder("vna.ingest.log.flushes", log, l -> l.stats().forces())
                    .description("fdatasyncs of the ingest log (one per group-committed batch)")
                    .register(registry);
            FunctionCounter.builder("vna.ingest.log.records", log, l -> l.stats().records())
                    .description("records made durable in the ingest log")
                    .register(registry);
        };
    }

    @Bean
    MeterBinder dicomAssociations(ObjectProvider<DicomListener> listener) {
        return registry -> Gauge.builder("vna.dicom.associations.open", listener,
                        l -> l.stream().mapToInt(DicomListener::activeAssociations).sum())
                .description("DICOM associations open on the listener")
                .register(registry);
    }

    /** NaN when the blob store cannot be listed: a gauge must not throw at scrape time. */
    private static double depth(IndexQueue queue) {
        try {
            return queue.count(QUEUE_COUNT_LIMIT);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
