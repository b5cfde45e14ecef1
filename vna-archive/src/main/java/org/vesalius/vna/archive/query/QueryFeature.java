package org.vesalius.vna.archive.query;

import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.QueryIndex;

/**
 * The query feature's one factory: the server's configuration (and tests that assemble an
 * archive) call it to get the {@link QueryPort} every edge queries through. Everything else in
 * this package is internal.
 */
public final class QueryFeature {

    private QueryFeature() {
    }

    /**
     * The query port over {@code index}.
     *
     * @param index      the query side of the index (an adapter such as Elasticsearch's)
     * @param maxResults the most results one query returns (1 to {@value QueryPort#MAX_WINDOW});
     *                   a query without a limit, or with a larger one, gets this many and is
     *                   marked truncated when more match
     * @return a thread-safe query port
     */
    public static QueryPort create(QueryIndex index, int maxResults) {
        return new QueryService(index, maxResults);
    }
}
