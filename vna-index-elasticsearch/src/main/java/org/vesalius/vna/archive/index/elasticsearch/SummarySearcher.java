package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryOrder;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.QueryIndex;

/**
 * Answers a study or series search with ONE request on the summary documents ({@link Summaries}):
 * no collapsing, no second request for the counts, which are pre-rendered in each summary's
 * {@code vna.dataset} with the rest of what the entity returns. {@code size = limit + 1} tells
 * whether more follow; the matches are counted only when the query asks for a total.
 *
 * <p>A summary answers what its entity's own attributes and those of the levels above decide.
 * Keys of a level below (relational queries), a window on receipt times and the earliest-receipt
 * order need the instances and go to {@link IndexSearcher}'s collapsing search instead.
 */
final class SummarySearcher {

    private static final DicomJsonReader READER = new DicomJsonReader();

    private final ElasticsearchClient client;
    private final String alias;

    SummarySearcher(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /** Whether the summaries answer this query exactly as the instances would. */
    static boolean answers(Query query, boolean everything) {
        if (everything || query.received() != null || query.order() == QueryOrder.RECEIVED_ASC) {
            return false;
        }
        if (query.level() != QueryLevel.STUDY && query.level() != QueryLevel.SERIES) {
            return false;
        }
        for (AttributeMatch m : query.matches()) {
            if (m.constrains() && m.attribute().level().isBelow(query.level())) {
                return false;
            }
        }
        return true;
    }

    QueryIndex.Page find(Query query, Set<Integer> fetch) throws IOException {
        QueryLevel level = query.level();
        String key = IndexSearcher.keyField(level);
        List<String> includes = new ArrayList<>();
        for (int tag : fetch) {
            includes.add(Fields.stored(tag)); // computed ones too: they are pre-rendered
        }
        includes.add(key);
        includes.add(Fields.RECEIVED_AT);
        List<Positions.Key> keys = IndexSearcher.sortKeys(level, query.order());
        List<Positions.Key> positionKeys = IndexSearcher.positionKeys(level, keys);
        boolean countAll = query.total() && query.after() != null;
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(alias)
                .query(QueryTranslator.filter(query, level))
                .from(query.offset())
                .size((int) Math.min((long) query.limit() + 1, QueryPort.MAX_WINDOW - (long) query.offset()))
                .sort(keys.stream().map(SummarySearcher::sort).toList())
                .source(s -> s.filter(f -> f.includes(includes)))
                // Counting every match is work only a caller asking for the total pays for.
                .trackTotalHits(t -> t.enabled(query.total() && !countAll));
        if (query.after() != null) {
            request.postFilter(Positions.after(positionKeys, Positions.decode(positionKeys, query.after())));
        }
        if (countAll) { // after a position the total still counts what came before: not filtered by post_filter
            request.aggregations("total", a -> a.valueCount(v -> v.field(key)));
        }
        SearchResponse<ObjectNode> response = client.search(request.build(), ObjectNode.class);
        List<Hit<ObjectNode>> hits = response.hits().hits();
        boolean more = hits.size() > query.limit();
        List<Hit<ObjectNode>> shown = hits.subList(0, Math.min(hits.size(), query.limit()));
        List<Dataset> items = new ArrayList<>(shown.size());
        List<Instant> lastUpdated = new ArrayList<>(shown.size());
        String next = null;
        for (Hit<ObjectNode> hit : shown) {
            ObjectNode source = hit.source();
            JsonNode dataset = source.path("vna").path("dataset");
            items.add(dataset.isObject() ? READER.read(dataset.toString()) : new Dataset());
            JsonNode received = source.path("vna").path("receivedAt");
            lastUpdated.add(received.isNumber() ? Instant.ofEpochMilli(received.asLong()) : null);
            next = query.order().keyset() ? Positions.encode(positionKeys, hit.sort()) : null;
        }
        // Not asked for, the total is what this page saw.
        long total = query.offset() + items.size() + (more ? 1L : 0L);
        if (countAll) {
            total = response.aggregations().get("total").valueCount().value().longValue();
        } else if (query.total() && response.hits().total() != null) {
            total = response.hits().total().value();
            more = more || total > query.offset() + items.size(); // at the edge of the result window
        }
        return new QueryIndex.Page(items, total, more, lastUpdated, more ? next : null);
    }

    private static SortOptions sort(Positions.Key key) {
        return SortOptions.of(s -> s.field(f -> f.field(key.field()).order(key.order()).missing("_last")));
    }
}
