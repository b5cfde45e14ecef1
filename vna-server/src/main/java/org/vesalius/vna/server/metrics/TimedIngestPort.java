package org.vesalius.vna.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;

/**
 * The ingest port, timed: every call is one sample of {@code vna.ingest.instances}, tagged with the
 * protocol, the source and the outcome (the README's metrics table). The archive stays free of
 * Micrometer; the server wraps the feature's port with this.
 */
public final class TimedIngestPort implements IngestPort {

    private final IngestPort delegate;
    private final MeterRegistry registry;

    public TimedIngestPort(IngestPort delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public IngestResult ingest(IngestRequest request) {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            IngestResult result = delegate.ingest(request);
            outcome = outcome(result);
            return result;
        } finally {
            Timer.builder("vna.ingest.instances")
                    .description("Objects offered to the ingest port: time to the answer, by protocol, source and outcome")
                    .tag("protocol", protocol(request.source().channel()))
                    .tag("source", source(request.source()))
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    static String protocol(IngestSource.Channel channel) {
        return switch (channel) {
            case DIMSE -> "dimse";
            case STOW_RS -> "stow";
            case MIGRATION -> "migration";
        };
    }

    /**
     * The calling AE title or the migration job; not the STOW-RS client, which is a remote address
     * or a user name and would make one time series per client.
     */
    static String source(IngestSource source) {
        if (source.channel() == IngestSource.Channel.STOW_RS || source.id().isEmpty()) {
            return "-";
        }
        return source.id();
    }

    static String outcome(IngestResult result) {
        return switch (result) {
            case IngestResult.Stored s -> s.disposition() == IngestResult.Disposition.ALREADY_STORED ? "already_stored" : "stored";
            case IngestResult.InvalidObject i -> "refused";
            case IngestResult.Duplicate d -> "duplicate";
            case IngestResult.StorageUnavailable u -> "storage_unavailable";
            case IngestResult.SourceFailure f -> "source_failure";
            case IngestResult.ProcessingFailure f -> "failed";
        };
    }
}
