package org.vesalius.vna.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;

/**
 * The query port as one protocol edge sees it, timed: every query is one sample of
 * {@code vna.query}, tagged with the edge's protocol, the query level and the outcome. Each edge
 * (QIDO-RS, C-FIND, FHIR) gets its own wrapper around the one query port.
 */
public final class TimedQueryPort implements QueryPort {

    private final QueryPort delegate;
    private final MeterRegistry registry;
    private final String protocol;

    /**
     * @param protocol the edge's tag value: {@code qido}, {@code cfind} or {@code fhir}
     */
    public TimedQueryPort(QueryPort delegate, MeterRegistry registry, String protocol) {
        this.delegate = delegate;
        this.registry = registry;
        this.protocol = protocol;
    }

    @Override
    public QueryResult query(Query query) {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            QueryResult result = delegate.query(query);
            outcome = result.truncated() ? "truncated" : "complete";
            return result;
        } catch (InvalidQueryException e) {
            outcome = "invalid";
            throw e;
        } finally {
            Timer.builder("vna.query")
                    .description("Queries run through the query port: time to the result, by protocol, level and outcome")
                    .tag("protocol", protocol)
                    .tag("level", query.level().name().toLowerCase(Locale.ROOT))
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
