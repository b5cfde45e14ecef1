package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;

/**
 * Builds study and series summary documents from the instance documents in the index: one
 * aggregation gives, per entity, its earliest received instance (whose document the summary
 * copies: the attributes a search returns, the patient's among them), its latest receipt, its instance count, for a study its distinct series,
 * modalities and SOP classes, and every value of its plain matchable fields ({@link #unionFields}).
 * The computed attributes are rendered into {@code vna.dataset} as a search returns them.
 */
final class SummaryDocuments {

    /** Distinct series, modalities, classes counted per study, as {@link Aggregates} does. */
    private static final int MAX_DISTINCT = 10_000;
    /** Distinct values kept per union field of an entity. */
    private static final int MAX_UNION = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OBJECT_FIELDS = Set.of("blobKey", "size", "sha256", "transferSyntaxUid", "sourceAeTitle");

    private SummaryDocuments() {
    }

    /**
     * The summaries of these studies and of these of their series (null: all of them), as their
     * instance documents in {@code target} give them now, by document id.
     */
    static Map<String, ObjectNode> derive(ElasticsearchClient client, String target, Set<String> studies, Set<String> series) {
        Query seriesFilter = series == null ? Query.of(q -> q.matchAll(m -> m)) : terms("SeriesInstanceUID", series);
        int seriesCount = series == null ? MAX_DISTINCT : Math.max(1, series.size());
        SearchResponse<Void> response = EsFailures.call("aggregate summaries", () -> client.search(s -> s.index(target).size(0)
                .trackTotalHits(t -> t.enabled(false))
                .query(q -> q.bool(b -> b.filter(QueryTranslator.level(QueryLevel.INSTANCE), terms("StudyInstanceUID", studies))))
                .aggregations("studies", a -> a.terms(t -> t.field("StudyInstanceUID").size(studies.size()))
                        .aggregations(entity(QueryLevel.STUDY)))
                .aggregations("series", a -> a.filter(seriesFilter)
                        .aggregations("by", b -> b.terms(t -> t.field("SeriesInstanceUID").size(seriesCount))
                                .aggregations(entity(QueryLevel.SERIES)))), Void.class));
        Map<String, ObjectNode> docs = new HashMap<>();
        for (StringTermsBucket b : response.aggregations().get("studies").sterms().buckets().array()) {
            docs.put(Summaries.id(QueryLevel.STUDY, b.key().stringValue()), summary(QueryLevel.STUDY, b));
        }
        for (StringTermsBucket b : response.aggregations().get("series").filter().aggregations().get("by").sterms()
                .buckets().array()) {
            docs.put(Summaries.id(QueryLevel.SERIES, b.key().stringValue()), summary(QueryLevel.SERIES, b));
        }
        return docs;
    }

    /** The sub-aggregations a summary is built from. */
    private static Map<String, Aggregation> entity(QueryLevel level) {
        Map<String, Aggregation> subs = new HashMap<>();
        // The entity is read from its earliest received instance (ties: the lowest SOP Instance
        // UID), so an instance that arrives later can never relabel it in search results: not its
        // patient, not its description. Receipt is the blob's time, so a rebuilt index agrees.
        List<SortOptions> sorts = List.of(
                SortOptions.of(s -> s.field(f -> f.field(Fields.RECEIVED_AT).order(SortOrder.Asc).missing("_last"))),
                SortOptions.of(s -> s.field(f -> f.field("SOPInstanceUID").order(SortOrder.Asc))));
        subs.put("rep", Aggregation.of(a -> a.topHits(t -> t.size(1).sort(sorts))));
        subs.put("received", Aggregation.of(a -> a.max(m -> m.field(Fields.RECEIVED_AT))));
        List<String> union = unionFields(level);
        for (int i = 0; i < union.size(); i++) {
            String field = union.get(i);
            subs.put("f" + i, Aggregation.of(a -> a.terms(t -> t.field(field).size(MAX_UNION))));
        }
        if (level == QueryLevel.STUDY) {
            subs.put("series", distinct("SeriesInstanceUID"));
            subs.put("modalities", distinct("Modality"));
            subs.put("classes", distinct("SOPClassUID"));
        }
        return subs;
    }

    /**
     * The fields an entity's summary matches on with every value of its instances, not only its
     * first instance's: the plain fields of the level and the levels above (sequences keep the
     * first instance's items). Instances of one series may disagree (one CT, one OT), and a
     * search on the instances matched the entity when any of them matched.
     */
    static List<String> unionFields(QueryLevel level) {
        List<String> fields = new ArrayList<>();
        fields.add(Fields.PATIENT_KEY);
        for (QueryAttribute a : QueryAttributes.all()) {
            if (!a.matchable() || a.matchedVia() != a.tag() || a.level().isBelow(level)
                    || a.kind() == QueryAttribute.MatchKind.SEQUENCE) {
                continue;
            }
            if (a.kind() == QueryAttribute.MatchKind.PERSON_NAME) {
                for (String g : Fields.PN_GROUPS) {
                    fields.add(a.keyword() + "." + g);
                }
                fields.add(a.keyword() + "." + Fields.PN_ANY);
            } else {
                fields.add(a.keyword());
            }
        }
        for (int[] pair : QueryAttributes.dateTimePairs()) {
            QueryAttribute date = QueryAttributes.get(pair[0]);
            if (date != null && !date.level().isBelow(level)) {
                fields.add(Fields.dateTime(date.keyword(), "min"));
                fields.add(Fields.dateTime(date.keyword(), "max"));
            }
        }
        return fields;
    }

    /** Sets every value the instances have for each union field (the first instance's stay when none). */
    private static void unite(ObjectNode doc, QueryLevel level, StringTermsBucket bucket) {
        List<String> union = unionFields(level);
        for (int i = 0; i < union.size(); i++) {
            Aggregate agg = bucket.aggregations().get("f" + i);
            ArrayNode values = JSON.createArrayNode();
            if (agg.isSterms()) {
                agg.sterms().buckets().array().forEach(b -> values.add(b.key().stringValue()));
            } else if (agg.isLterms()) {
                agg.lterms().buckets().array().forEach(b -> values.add(b.key()));
            }
            if (values.isEmpty()) {
                continue;
            }
            String[] path = union.get(i).split("\\.");
            ObjectNode parent = doc;
            for (int p = 0; p < path.length - 1; p++) {
                parent = parent.has(path[p]) && parent.get(path[p]).isObject() ? (ObjectNode) parent.get(path[p])
                        : parent.putObject(path[p]);
            }
            String name = path[path.length - 1];
            if (values.size() == 1 && parent.has(name) && !parent.get(name).isArray()) {
                parent.set(name, values.get(0)); // a single value stays a single value, as the instance had it
            } else {
                parent.set(name, values);
            }
        }
    }

    private static Aggregation distinct(String field) {
        return Aggregation.of(a -> a.terms(t -> t.field(field).size(MAX_DISTINCT)));
    }

    private static Query terms(String field, Set<String> values) {
        List<FieldValue> v = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(x -> x.value(v))));
    }

    /** The summary of one entity: its first instance's document, with the level's computed attributes. */
    private static ObjectNode summary(QueryLevel level, StringTermsBucket bucket) {
        var hits = bucket.aggregations().get("rep").topHits().hits().hits();
        ObjectNode doc = hits.get(0).source().to(ObjectNode.class).deepCopy();
        ObjectNode vna = (ObjectNode) doc.get("vna");
        vna.remove(OBJECT_FIELDS);
        unite(doc, level, bucket);
        vna.put("level", level.name());
        Double received = bucket.aggregations().get("received").max().value();
        if (received != null && Double.isFinite(received)) {
            vna.put("receivedAt", received.longValue());
        }
        Dataset computed = new Dataset();
        if (level == QueryLevel.STUDY) {
            List<String> series = keys(bucket.aggregations().get("series"));
            List<String> modalities = keys(bucket.aggregations().get("modalities"));
            List<String> classes = keys(bucket.aggregations().get("classes"));
            computed.setInt(Tags.NumberOfStudyRelatedInstances, VR.IS, bucket.docCount());
            computed.setInt(Tags.NumberOfStudyRelatedSeries, VR.IS, series.size());
            strings(computed, Tags.ModalitiesInStudy, VR.CS, modalities);
            strings(computed, Tags.SOPClassesInStudy, VR.UI, classes);
            // ModalitiesInStudy and SOPClassesInStudy match on these: every value of the study.
            doc.remove("Modality");
            if (!modalities.isEmpty()) {
                modalities.forEach(doc.putArray("Modality")::add);
            }
            doc.remove("SOPClassUID");
            classes.forEach(doc.putArray("SOPClassUID")::add);
        } else {
            computed.setInt(Tags.NumberOfSeriesRelatedInstances, VR.IS, bucket.docCount());
        }
        try {
            ObjectNode rendered = (ObjectNode) JSON.readTree(DicomJsonWriter.toJson(computed, WriteOptions.DEFAULT));
            ((ObjectNode) vna.get("dataset")).setAll(rendered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return doc;
    }

    private static void strings(Dataset d, int tag, VR vr, List<String> values) {
        if (values.isEmpty()) {
            d.set(tag, vr, null);
        } else {
            d.setString(tag, vr, values.toArray(String[]::new));
        }
    }

    private static List<String> keys(Aggregate agg) {
        List<String> keys = new ArrayList<>();
        for (StringTermsBucket b : agg.sterms().buckets().array()) {
            keys.add(b.key().stringValue());
        }
        keys.sort(null);
        return keys;
    }
}
