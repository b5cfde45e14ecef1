package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.query.QueryLevel;

/**
 * The computed attributes of a page of patients, studies or series, counted over all their
 * instances (not only those that matched): NumberOfPatientRelatedStudies/Series/Instances,
 * NumberOfStudyRelatedSeries/Instances, ModalitiesInStudy, SOPClassesInStudy and
 * NumberOfSeriesRelatedInstances. Counting at query time keeps them exact after any re-index or
 * removal, without scripts or stored counters.
 */
final class Aggregates {

    /** Distinct series (or studies) counted per entity; an entity with more is cut here. */
    private static final int MAX_DISTINCT = 10_000;

    private final ElasticsearchClient client;
    private final String alias;

    Aggregates(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /**
     * Adds the computed attributes in {@code fetch} to the page's entities, when there are any;
     * then also answers when each entity last received an instance (by entity key), else nothing.
     */
    Map<String, Instant> add(QueryLevel level, Map<String, Dataset> page, Set<Integer> fetch) throws IOException {
        Map<String, Aggregation> subs = subAggregations(level, fetch);
        boolean counts = switch (level) {
            case PATIENT -> fetch.contains(Tags.NumberOfPatientRelatedInstances) || !subs.isEmpty();
            case STUDY -> fetch.contains(Tags.NumberOfStudyRelatedInstances) || !subs.isEmpty();
            case SERIES -> fetch.contains(Tags.NumberOfSeriesRelatedInstances);
            case INSTANCE -> false;
        };
        Map<String, Instant> lastReceived = new HashMap<>();
        if (!counts) {
            return lastReceived;
        }
        subs.put("received", Aggregation.of(a -> a.max(m -> m.field(Fields.RECEIVED_AT))));
        String key = IndexSearcher.keyField(level);
        List<FieldValue> keys = page.keySet().stream().map(FieldValue::of).toList();
        SearchResponse<Void> response = client.search(s -> s.index(alias).size(0)
                .query(q -> q.bool(b -> b.filter(QueryTranslator.level(QueryLevel.INSTANCE))
                        .filter(f -> f.terms(t -> t.field(key).terms(v -> v.value(keys))))))
                .aggregations("by", a -> a.terms(t -> t.field(key).size(keys.size())).aggregations(subs)), Void.class);
        for (StringTermsBucket bucket : response.aggregations().get("by").sterms().buckets().array()) {
            Dataset d = page.get(bucket.key().stringValue());
            if (d != null) {
                apply(level, d, bucket, fetch);
                var max = bucket.aggregations().get("received");
                if (max != null && max.max().value() != null && Double.isFinite(max.max().value())) {
                    lastReceived.put(bucket.key().stringValue(), Instant.ofEpochMilli(max.max().value().longValue()));
                }
            }
        }
        return lastReceived;
    }

    private static Map<String, Aggregation> subAggregations(QueryLevel level, Set<Integer> fetch) {
        Map<String, Aggregation> subs = new HashMap<>();
        if (level == QueryLevel.PATIENT) {
            if (fetch.contains(Tags.NumberOfPatientRelatedStudies)) {
                subs.put("studies", distinct("StudyInstanceUID"));
            }
            if (fetch.contains(Tags.NumberOfPatientRelatedSeries)) {
                subs.put("series", distinct("SeriesInstanceUID"));
            }
        } else if (level == QueryLevel.STUDY) {
            if (fetch.contains(Tags.NumberOfStudyRelatedSeries)) {
                subs.put("series", distinct("SeriesInstanceUID"));
            }
            if (fetch.contains(Tags.ModalitiesInStudy)) {
                subs.put("modalities", distinct("Modality"));
            }
            if (fetch.contains(Tags.SOPClassesInStudy)) {
                subs.put("classes", distinct("SOPClassUID"));
            }
        }
        return subs;
    }

    private static Aggregation distinct(String field) {
        return Aggregation.of(a -> a.terms(t -> t.field(field).size(MAX_DISTINCT)));
    }

    private static void apply(QueryLevel level, Dataset d, StringTermsBucket bucket, Set<Integer> fetch) {
        long instances = bucket.docCount();
        switch (level) {
            case PATIENT -> {
                setCount(d, fetch, Tags.NumberOfPatientRelatedInstances, instances);
                setCount(d, fetch, Tags.NumberOfPatientRelatedStudies, keys(bucket, "studies").size());
                setCount(d, fetch, Tags.NumberOfPatientRelatedSeries, keys(bucket, "series").size());
            }
            case STUDY -> {
                setCount(d, fetch, Tags.NumberOfStudyRelatedInstances, instances);
                setCount(d, fetch, Tags.NumberOfStudyRelatedSeries, keys(bucket, "series").size());
                setStrings(d, fetch, Tags.ModalitiesInStudy, VR.CS, keys(bucket, "modalities"));
                setStrings(d, fetch, Tags.SOPClassesInStudy, VR.UI, keys(bucket, "classes"));
            }
            case SERIES -> setCount(d, fetch, Tags.NumberOfSeriesRelatedInstances, instances);
            case INSTANCE -> {
            }
        }
    }

    private static List<String> keys(StringTermsBucket bucket, String name) {
        var agg = bucket.aggregations().get(name);
        List<String> keys = new ArrayList<>();
        if (agg != null) {
            for (StringTermsBucket b : agg.sterms().buckets().array()) {
                keys.add(b.key().stringValue());
            }
        }
        keys.sort(null);
        return keys;
    }

    private static void setCount(Dataset d, Set<Integer> fetch, int tag, long count) {
        if (fetch.contains(tag)) {
            d.setInt(tag, VR.IS, count);
        }
    }

    private static void setStrings(Dataset d, Set<Integer> fetch, int tag, VR vr, List<String> values) {
        if (fetch.contains(tag)) {
            if (values.isEmpty()) {
                d.set(tag, vr, null);
            } else {
                d.setString(tag, vr, values.toArray(String[]::new));
            }
        }
    }
}
