package org.vesalius.vna.server.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.index.StudyIndex;

/**
 * The index as the ingest feature writes to it (inline, write-behind batches, catch-up), measured:
 * {@code vna.index.batch.size} (instances per call) and {@code vna.index.batch} (time per call),
 * tagged with the operation and the outcome. Wiring only: queries and updates use the index
 * directly.
 */
public final class MeteredStudyIndex implements StudyIndex {

    private final StudyIndex delegate;
    private final MeterRegistry registry;

    public MeteredStudyIndex(StudyIndex delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public void index(Collection<ArchivedInstance> instances) {
        measure("index", instances.size(), () -> delegate.index(instances));
    }

    @Override
    public void remove(Collection<InstanceRef> instances) {
        measure("remove", instances.size(), () -> delegate.remove(instances));
    }

    @Override
    public boolean isAvailable() {
        return delegate.isAvailable();
    }

    @Override
    public void refresh() {
        delegate.refresh();
    }

    /** The wrapped index, for log lines. */
    @Override
    public String toString() {
        return delegate.toString();
    }

    private void measure(String operation, int size, Runnable call) {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            call.run();
            outcome = "ok";
        } finally {
            DistributionSummary.builder("vna.index.batch.size")
                    .description("Instances per call to the index")
                    .baseUnit("instances")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(size);
            Timer.builder("vna.index.batch")
                    .description("Time per call to the index, by operation and outcome")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
