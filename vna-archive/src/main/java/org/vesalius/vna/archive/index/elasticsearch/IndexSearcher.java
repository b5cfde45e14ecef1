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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.vna.archive.query.Query;
import org.vesalius.vna.archive.query.QueryIndex;
import org.vesalius.vna.archive.query.QueryLevel;
import org.vesalius.vna.archive.query.QueryService;

/**
 * Runs a query on the instance documents. Patients, studies and series are the instances
 * collapsed on their key (an entity matches when one of its instances does); the counts of the
 * page's entities come from a second, aggregating request ({@link Aggregates}).
 *
 * <p>Order: patients by patient key; everything else newest study first (StudyDate, StudyTime
 * descending, missing last), then by Study Instance UID, Series Number (missing last), Series
 * Instance UID, Instance Number (missing last), cut at the query's level, and then SOP Instance
 * UID: a patient, study or series is read from its instance with the lowest SOP Instance UID
 * (in character order), whatever order the documents were written in.
 */
final class IndexSearcher {

    /** Exact below this many distinct entities, an estimate above (cardinality aggregation). */
    static final int CARDINALITY_PRECISION = 40_000;

    private static final DicomJsonReader READER = new DicomJsonReader();

    private final ElasticsearchClient client;
    private final String alias;

    IndexSearcher(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    QueryIndex.Page find(Query query, Set<Integer> fetch, boolean everything) throws IOException {
        QueryLevel level = query.level();
        String key = keyField(level);
        List<String> includes = new ArrayList<>();
        if (everything) {
            includes.add(Fields.DATASET);
        } else {
            for (int tag : fetch) {
                if (!QueryService.isComputed(tag)) {
                    includes.add(Fields.stored(tag));
                }
            }
        }
        includes.add(key == null ? "SOPInstanceUID" : key);
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(alias)
                .query(QueryTranslator.filter(query.matches()))
                .from(query.offset())
                // One hit more than asked tells whether there are more, except at the edge of
                // Elasticsearch's result window, which no request may cross.
                .size((int) Math.min((long) query.limit() + 1, QueryService.MAX_WINDOW - (long) query.offset()))
                .sort(sorts(level))
                .source(s -> s.filter(f -> f.includes(includes)));
        if (key != null) {
            request.collapse(c -> c.field(key))
                    .trackTotalHits(t -> t.enabled(false))
                    .aggregations("total", a -> a.cardinality(c -> c.field(key).precisionThreshold(CARDINALITY_PRECISION)));
        } else {
            request.trackTotalHits(t -> t.enabled(true));
        }
        SearchResponse<ObjectNode> response = client.search(request.build(), ObjectNode.class);
        List<Hit<ObjectNode>> hits = response.hits().hits();
        boolean more = hits.size() > query.limit();
        Map<String, Dataset> page = new LinkedHashMap<>();
        for (Hit<ObjectNode> hit : hits.subList(0, Math.min(hits.size(), query.limit()))) {
            ObjectNode source = hit.source();
            String id = key == null ? hit.id() : keyValue(source, key);
            page.put(id, dataset(source));
        }
        long total = key == null ? response.hits().total().value()
                : response.aggregations().get("total").cardinality().value();
        if (!page.isEmpty()) { // an estimate never falls below what was seen
            total = Math.max(total, query.offset() + page.size() + (more ? 1L : 0L));
        }
        more = more || total > query.offset() + page.size();
        if (!page.isEmpty()) {
            new Aggregates(client, alias).add(level, page, fetch);
        }
        return new QueryIndex.Page(new ArrayList<>(page.values()), total, more);
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

    private static List<SortOptions> sorts(QueryLevel level) {
        List<SortOptions> sorts = new ArrayList<>();
        if (level == QueryLevel.PATIENT) {
            sorts.add(sort(Fields.PATIENT_KEY, SortOrder.Asc));
        } else {
            sorts.add(sort("StudyDate", SortOrder.Desc));
            sorts.add(sort("StudyTime", SortOrder.Desc));
            sorts.add(sort("StudyInstanceUID", SortOrder.Asc));
        }
        if (level == QueryLevel.SERIES || level == QueryLevel.INSTANCE) {
            sorts.add(sort("SeriesNumber", SortOrder.Asc));
            sorts.add(sort("SeriesInstanceUID", SortOrder.Asc));
        }
        if (level == QueryLevel.INSTANCE) {
            sorts.add(sort("InstanceNumber", SortOrder.Asc));
        }
        // Last: the order among instances, and for a collapsed entity which instance it is read
        // from (its instances may disagree on its attributes). Without it the choice would follow
        // the order documents were written in, and a rebuilt index would answer differently.
        sorts.add(sort("SOPInstanceUID", SortOrder.Asc));
        return sorts;
    }

    private static SortOptions sort(String field, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order).missing("_last")));
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
