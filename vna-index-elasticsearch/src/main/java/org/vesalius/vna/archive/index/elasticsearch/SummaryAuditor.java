package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.index.SummaryDifference;

/**
 * {@code vna verify} for the summaries: walks every study the index knows (from its instances and
 * its summaries, 100 at a time), derives their summaries from the instances as the writer does
 * ({@link SummaryDocuments#derive}) and compares them with those held, field by field.
 */
final class SummaryAuditor {

    private static final int PAGE = 100;
    private static final int MAX_SUMMARIES = 10_000;

    private final ElasticsearchClient client;
    private final String alias;

    SummaryAuditor(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    long compare(Consumer<SummaryDifference> out) {
        long studies = 0;
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> from = after;
            SearchResponse<Void> page = EsFailures.call("list the indexed studies", () -> client.search(s -> s.index(alias)
                    .size(0).trackTotalHits(t -> t.enabled(false))
                    .aggregations("studies", a -> a.composite(c -> {
                        c.size(PAGE).sources(NamedValue.of("study", CompositeAggregationSource.of(
                                x -> x.terms(t -> t.field("StudyInstanceUID")))));
                        return from == null ? c : c.after(from);
                    })), Void.class));
            var composite = page.aggregations().get("studies").composite();
            Set<String> keys = new LinkedHashSet<>();
            for (CompositeBucket b : composite.buckets().array()) {
                keys.add(b.key().get("study").stringValue());
            }
            if (keys.isEmpty()) {
                return studies;
            }
            studies += keys.size();
            compare(keys, out);
            if (keys.size() < PAGE || composite.afterKey() == null || composite.afterKey().isEmpty()) {
                return studies;
            }
            after = composite.afterKey();
        }
    }

    private void compare(Set<String> studies, Consumer<SummaryDifference> out) {
        Map<String, ObjectNode> expected = SummaryDocuments.derive(client, alias, studies, null);
        Map<String, ObjectNode> held = held(studies);
        Set<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(held.keySet());
        for (String id : ids) {
            String uid = id.substring(id.indexOf(':') + 1);
            ObjectNode e = expected.get(id);
            ObjectNode h = held.get(id);
            if (h == null) {
                out.accept(new SummaryDifference(id, uid, SummaryDifference.Kind.MISSING, List.of()));
            } else if (e == null) {
                out.accept(new SummaryDifference(id, uid, SummaryDifference.Kind.ORPHANED, List.of()));
            } else {
                Set<String> fields = new TreeSet<>();
                IndexAuditor.diff("", IndexAuditor.normalized(e), h, fields);
                if (!fields.isEmpty()) {
                    out.accept(new SummaryDifference(id, uid, SummaryDifference.Kind.DIFFERS, List.copyOf(fields)));
                }
            }
        }
    }

    /** The summaries held for these studies and their series, by document id. */
    private Map<String, ObjectNode> held(Set<String> studies) {
        List<FieldValue> values = studies.stream().map(FieldValue::of).toList();
        List<FieldValue> levels = List.of(FieldValue.of(QueryLevel.STUDY.name()), FieldValue.of(QueryLevel.SERIES.name()));
        SearchResponse<ObjectNode> response = EsFailures.call("read summaries", () -> client.search(s -> s.index(alias)
                .size(MAX_SUMMARIES).trackTotalHits(t -> t.enabled(false))
                .query(q -> q.bool(b -> b.filter(Query.of(f -> f.terms(t -> t.field(Fields.LEVEL).terms(v -> v.value(levels)))),
                        Query.of(f -> f.terms(t -> t.field("StudyInstanceUID").terms(v -> v.value(values))))))),
                ObjectNode.class));
        Map<String, ObjectNode> out = new HashMap<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            out.put(hit.id(), hit.source());
        }
        return out;
    }
}
