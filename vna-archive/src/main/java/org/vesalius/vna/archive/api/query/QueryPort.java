package org.vesalius.vna.archive.api.query;

/**
 * The archive's query port: what QIDO-RS, C-FIND, FHIR search (and the coming HL7, IHE and
 * migration edges) call to find patients, studies, series and instances. An edge translates its
 * protocol's request into a {@link Query} (with {@link QidoQueryParser}, {@link CFindQueryParser}
 * or directly), runs it here, and writes the {@link QueryResult} in its protocol's terms.
 *
 * <p>The implementation applies the archive's limits (no result deeper than
 * {@value #MAX_WINDOW}, a configured cap per query), decides which attributes each result
 * carries, and runs the query on the index. Obtain one from the server's wiring
 * ({@code org.vesalius.vna.archive.query.QueryFeature}); implementations are thread-safe.
 *
 * <p>Failures: {@link InvalidQueryException} for a query that cannot be run as asked (paging
 * beyond {@value #MAX_WINDOW}, a position combined with an offset, ...); the index's own
 * unavailability exception when it cannot answer.
 */
public interface QueryPort {

    /** The deepest result the index pages to: {@code offset + limit} may not exceed it. */
    int MAX_WINDOW = 10_000;

    /**
     * Runs {@code query}: one page of the entities at {@code query.level()} matching all its
     * keys, at most {@code query.limit()} (or the configured cap when that is 0 or larger),
     * marked truncated when more match.
     */
    QueryResult query(Query query);
}
