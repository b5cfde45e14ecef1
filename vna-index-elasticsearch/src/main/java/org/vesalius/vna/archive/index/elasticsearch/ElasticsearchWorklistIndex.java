package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.worklist.OrderStatus;
import org.vesalius.vna.archive.api.worklist.WorklistAttributes;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.WorklistIndex;

/**
 * The worklist's searchable copy on Elasticsearch: index {@code <prefix>-worklist}, one document
 * per item (id = the item's id), the keys of {@link WorklistAttributes} as fields laid out as the
 * instance index lays them out (so that {@link QueryTranslator} matches them with the same rules;
 * the step's keys in a nested object), the item itself stored but not indexed. Created on first
 * use; a write is visible to searches within the refresh interval (one second), or on return with
 * {@link ElasticsearchIndexConfig#refreshOnWrite()}.
 */
public final class ElasticsearchWorklistIndex implements WorklistIndex, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchIndexConfig config;
    private final Rest5Client rest;
    private final ElasticsearchClient client;
    private final String index;
    private volatile boolean ready;

    /** Connects lazily: nothing is sent before the first call. */
    public ElasticsearchWorklistIndex(ElasticsearchIndexConfig config) {
        this.config = config;
        this.rest = ElasticsearchStudyIndex.restClient(config);
        this.client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
        this.index = config.namePrefix() + "-worklist";
    }

    /** The index name. */
    public String indexName() {
        return index;
    }

    @Override
    public void put(WorklistItem item) {
        ObjectNode doc = document(item);
        EsFailures.call("store a worklist item", () -> {
            ensureIndex();
            // Searchable within the index's refresh interval (1 s): waiting for it would hold every order of a
            // feed for up to a second; only tests ask for that (refreshOnWrite).
            return client.index(i -> i.index(index).id(item.id()).document(doc)
                    .refresh(config.refreshOnWrite() ? Refresh.WaitFor : Refresh.False));
        });
    }

    @Override
    public List<WorklistItem> find(WorklistQuery query) {
        List<Query> filter = QueryTranslator.matching(query.matches());
        filter.add(Query.of(q -> q.terms(t -> t.field("vna.status")
                .terms(v -> v.value(query.statuses().stream().map(s -> FieldValue.of(s.name())).toList())))));
        if (!query.patients().isEmpty()) {
            List<FieldValue> keys = query.patients().stream().map(p -> FieldValue.of(Fields.patientKey(p.id(), p.issuer()))).toList();
            filter.add(Query.of(q -> q.terms(t -> t.field(Fields.PATIENT_KEY).terms(v -> v.value(keys)))));
        }
        SearchResponse<ObjectNode> response = EsFailures.call("search the worklist", () -> {
            ensureIndex();
            return client.search(s -> s.index(index).size(query.limit()).query(q -> q.bool(b -> b.filter(filter)))
                    .sort(o -> o.field(f -> f.field("vna.start").order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("vna.id").order(SortOrder.Asc))), ObjectNode.class);
        });
        List<WorklistItem> items = new ArrayList<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            items.add(item(hit.source()));
        }
        return items;
    }

    static ObjectNode document(WorklistItem item) {
        ObjectNode doc = JSON.createObjectNode();
        for (QueryAttribute a : WorklistAttributes.all()) {
            InstanceDocuments.put(doc, a, item.attributes());
        }
        ObjectNode vna = doc.putObject("vna");
        vna.put("id", item.id());
        vna.put("status", item.status().name());
        vna.put("patientKey", Fields.patientKey(item.patient().id(), item.patient().issuer()));
        vna.put("updatedAt", item.updatedAt().toString());
        vna.put("source", item.source());
        Dataset step = item.step();
        Optional<LocalDate> date = step.getDate(Tags.ScheduledProcedureStepStartDate);
        // Sorted by when the step is scheduled; a step without a date last.
        vna.put("start", date.map(d -> Encodings.dateTime(d.atTime(step.getTime(Tags.ScheduledProcedureStepStartTime)
                .orElse(LocalTime.MIN)))).orElse(Long.MAX_VALUE));
        try {
            vna.set("attributes", JSON.readTree(DicomJsonWriter.toJson(item.attributes(), WriteOptions.DEFAULT)));
        } catch (IOException e) {
            throw new IllegalStateException("a worklist item's attributes are not JSON", e);
        }
        return doc;
    }

    private static WorklistItem item(ObjectNode source) {
        ObjectNode vna = (ObjectNode) source.path("vna");
        try {
            Dataset attributes = new DicomJsonReader().read(JSON.writeValueAsString(vna.path("attributes")));
            return new WorklistItem(vna.path("id").asText(), OrderStatus.valueOf(vna.path("status").asText()), attributes,
                    Instant.parse(vna.path("updatedAt").asText()), vna.path("source").asText());
        } catch (IOException | RuntimeException e) {
            throw new IndexUnavailableException("the worklist index holds an unreadable item " + vna.path("id").asText()
                    + " (store it again): " + e.getMessage(), e);
        }
    }

    /** The mapping: strict, the keys' fields as in the instance index, the archive's own under {@code vna}. */
    static ObjectNode mappings() {
        ObjectNode mappings = JSON.createObjectNode();
        mappings.put("dynamic", "strict");
        ObjectNode props = mappings.putObject("properties");
        for (QueryAttribute a : WorklistAttributes.all()) {
            props.set(a.keyword(), IndexMapping.field(a));
        }
        ObjectNode vna = props.putObject("vna").putObject("properties");
        vna.set("id", IndexMapping.keyword());
        vna.set("status", IndexMapping.keyword());
        vna.set("patientKey", IndexMapping.keyword());
        vna.putObject("updatedAt").put("type", "date");
        vna.putObject("source").put("type", "keyword").put("index", false).put("doc_values", false);
        vna.putObject("start").put("type", "long");
        vna.putObject("attributes").put("type", "object").put("enabled", false);
        return mappings;
    }

    private void ensureIndex() throws IOException {
        if (ready) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", config.replicas());
        body.set("mappings", mappings());
        IndexCreation.createIfMissing(rest, index, JSON.writeValueAsString(body));
        ready = true;
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
