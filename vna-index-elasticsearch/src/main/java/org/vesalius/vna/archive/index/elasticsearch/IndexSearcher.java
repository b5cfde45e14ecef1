package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryOrder;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.QueryIndex;

/**
 * Runs a query. Studies and series are searched on their summary documents in one request when
 * those can answer ({@link SummarySearcher}); otherwise patients, studies and series are the
 * instances collapsed on their key (an entity matches when one of its instances does), and the
 * counts of the page's entities come from a second, aggregating request ({@link Aggregates}).
 *
 * <p>Order: patients by patient key; everything else newest study first (StudyDate, StudyTime
 * descending, missing last), then by Study Instance UID, Series Number (missing last), Series
 * Instance UID, Instance Number (missing last), cut at the query's level, and then SOP Instance
 * UID: a patient, study or series is read from its instance with the lowest SOP Instance UID
 * (in character order), whatever order the documents were written in.
 * {@link QueryOrder} reverses the dates or puts the time of receipt first. Positions for keyset
 * paging are the sort values of a page's last entity up to its unique key ({@link Positions}).
 */
final class IndexSearcher {

    /** Exact below this many distinct entities, an estimate above (cardinality aggregation). */
    static final int CARDINALITY_PRECISION = 40_000;

    private static final DicomJsonReader READER = new DicomJsonReader();

    private final ElasticsearchClient client;
    private final String alias;
    private final SummarySearcher summaries;

    IndexSearcher(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
        this.summaries = new SummarySearcher(client, alias);
    }

    QueryIndex.Page find(Query query, Set<Integer> fetch, boolean everything) throws IOException {
        if (SummarySearcher.answers(query, everything)) {
            return summaries.find(query, fetch);
        }
        QueryLevel level = query.level();
        String key = keyField(level);
        List<String> includes = new ArrayList<>();
        if (everything) {
            includes.add(Fields.DATASET);
        } else {
            for (int tag : fetch) {
                if (!QueryAttributes.isComputed(tag)) {
                    includes.add(Fields.stored(tag));
                }
            }
        }
        includes.add(key == null ? "SOPInstanceUID" : key);
        if (key == null) {
            includes.add(Fields.RECEIVED_AT);
        }
        List<Positions.Key> keys = sortKeys(level, query.order());
        List<Positions.Key> positionKeys = positionKeys(level, keys);
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(alias)
                .query(QueryTranslator.filter(query, QueryLevel.INSTANCE))
                .from(query.offset())
                // One hit more than asked tells whether there are more, except at the edge of
                // Elasticsearch's result window, which no request may cross.
                .size((int) Math.min((long) query.limit() + 1, QueryPort.MAX_WINDOW - (long) query.offset()))
                .sort(keys.stream().map(IndexSearcher::sort).toList())
                .source(s -> s.filter(f -> f.includes(includes)));
        if (query.after() != null) {
            // A filter on the hits only: the total below still counts every match.
            request.postFilter(Positions.after(positionKeys, Positions.decode(positionKeys, query.after())));
        }
        if (key != null) {
            request.collapse(c -> c.field(key)).trackTotalHits(t -> t.enabled(false));
            if (query.total()) {
                request.aggregations("total", a -> a.cardinality(c -> c.field(key).precisionThreshold(CARDINALITY_PRECISION)));
            }
        } else {
            request.trackTotalHits(t -> t.enabled(query.total()));
        }
        SearchResponse<ObjectNode> response = client.search(request.build(), ObjectNode.class);
        List<Hit<ObjectNode>> hits = response.hits().hits();
        boolean more = hits.size() > query.limit();
        Map<String, Dataset> page = new LinkedHashMap<>();
        Map<String, Instant> received = new HashMap<>();
        String next = null;
        for (Hit<ObjectNode> hit : hits.subList(0, Math.min(hits.size(), query.limit()))) {
            ObjectNode source = hit.source();
            String id = key == null ? hit.id() : keyValue(source, key);
            page.put(id, dataset(source));
            if (key == null && source.path("vna").path("receivedAt").isNumber()) {
                received.put(id, Instant.ofEpochMilli(source.path("vna").path("receivedAt").asLong()));
            }
            next = query.order().keyset() ? Positions.encode(positionKeys, hit.sort()) : null;
        }
        // Not asked for, the total is what this page saw.
        long total = !query.total() ? 0 : key == null ? response.hits().total().value()
                : response.aggregations().get("total").cardinality().value();
        if (!page.isEmpty() || !query.total()) { // an estimate never falls below what was seen
            total = Math.max(total, query.offset() + page.size() + (more ? 1L : 0L));
        }
        if (query.after() == null && query.total()) { // after a position the total also counts what came before
            more = more || total > query.offset() + page.size();
        }
        if (!page.isEmpty() && key != null) {
            received.putAll(new Aggregates(client, alias).add(level, page, fetch));
        }
        List<Instant> lastUpdated = page.keySet().stream().map(received::get).toList();
        return new QueryIndex.Page(new ArrayList<>(page.values()), total, more,
                new ArrayList<>(lastUpdated), more ? next : null);
    }

    /** The field entities of a level are collapsed on, or null for instances. */
    static String keyField(QueryLevel level) {
        return switch (level) {
            case PATIENT -> Fields.PATIENT_KEY;
            case STUDY -> "StudyInstanceUID";
            case SERIES -> "SeriesInstanceUID";
            case INSTANCE -> null;
        };
    }

    /** The sort keys of a level in an order: the level's unique keys come last, then SOP Instance UID. */
    static List<Positions.Key> sortKeys(QueryLevel level, QueryOrder order) {
        List<Positions.Key> keys = new ArrayList<>();
        if (level == QueryLevel.PATIENT) {
            keys.add(new Positions.Key(Fields.PATIENT_KEY, SortOrder.Asc, false));
        } else {
            if (order == QueryOrder.RECEIVED_DESC || order == QueryOrder.RECEIVED_ASC) {
                // Collapsing keeps each entity's first hit: its latest (or earliest) matching receipt.
                keys.add(new Positions.Key(Fields.RECEIVED_AT, order == QueryOrder.RECEIVED_DESC ? SortOrder.Desc : SortOrder.Asc, true));
            }
            SortOrder dates = order == QueryOrder.STUDY_DATE_ASC ? SortOrder.Asc : SortOrder.Desc;
            keys.add(new Positions.Key("StudyDate", dates, true));
            keys.add(new Positions.Key("StudyTime", dates, true));
            keys.add(new Positions.Key("StudyInstanceUID", SortOrder.Asc, false));
        }
        if (level == QueryLevel.SERIES || level == QueryLevel.INSTANCE) {
            keys.add(new Positions.Key("SeriesNumber", SortOrder.Asc, true));
            keys.add(new Positions.Key("SeriesInstanceUID", SortOrder.Asc, false));
        }
        if (level == QueryLevel.INSTANCE) {
            keys.add(new Positions.Key("InstanceNumber", SortOrder.Asc, true));
        }
        // Last: the order among instances, and for a collapsed entity which instance it is read
        // from (its instances may disagree on its attributes). Without it the choice would follow
        // the order documents were written in, and a rebuilt index would answer differently.
        keys.add(new Positions.Key("SOPInstanceUID", SortOrder.Asc, false));
        return keys;
    }

    /**
     * The keys a position keeps: up to the level's unique key. The instance tiebreaker after it
     * only picks which instance represents a collapsed entity; in a position it would let the
     * entity's other instances, and so the entity, come back on the next page.
     */
    static List<Positions.Key> positionKeys(QueryLevel level, List<Positions.Key> keys) {
        String unique = level == QueryLevel.INSTANCE ? "SOPInstanceUID" : keyField(level);
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).field().equals(unique)) {
                return keys.subList(0, i + 1);
            }
        }
        throw new IllegalStateException("no unique key among the sort keys of " + level);
    }

    private static SortOptions sort(Positions.Key key) {
        return SortOptions.of(s -> s.field(f -> f.field(key.field()).order(key.order()).missing("_last")));
    }

    private static String keyValue(ObjectNode source, String key) {
        JsonNode node = source;
        for (String part : key.split("\\.")) {
            node = node.path(part);
        }
        return node.isArray() ? node.path(0).asText() : node.asText();
    }

    private static Dataset dataset(ObjectNode source) throws IOException {
        JsonNode json = source.path("vna").path("dataset");
        return json.isObject() ? READER.read(json.toString()) : new Dataset();
    }
}
