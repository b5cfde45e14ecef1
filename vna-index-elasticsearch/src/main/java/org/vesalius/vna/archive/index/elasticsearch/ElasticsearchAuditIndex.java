package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditIndex;
import org.vesalius.vna.archive.api.audit.AuditRecord;
import org.vesalius.vna.archive.api.audit.AuditSearch;
import org.vesalius.vna.archive.api.audit.AuditSearchPort;
import org.vesalius.vna.archive.api.failure.UnavailableException;

/**
 * The audit trail's queryable copy on Elasticsearch: index {@code <prefix>-audit}, one document
 * per record (id = the record's id, so a record stored twice is one document), the search fields
 * as keywords and the audit message stored but not indexed. Created on first use. Retention removes
 * what is older than the cutoff by id. Separate from the instance index on purpose: it has its own
 * life (never reindexed from the blobs) and its own readers (auditors).
 */
public final class ElasticsearchAuditIndex implements AuditIndex, AuditSearchPort, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAPPING = """
            {"settings":{"number_of_shards":1,"number_of_replicas":%d},
             "mappings":{"dynamic":"strict","properties":{
               "time":{"type":"date"},"type":{"type":"keyword"},"eventCode":{"type":"keyword"},"actionCode":{"type":"keyword"},
               "outcome":{"type":"keyword"},"detail":{"type":"keyword","index":false},"user":{"type":"keyword"},
               "aeTitle":{"type":"keyword"},"address":{"type":"keyword"},"patients":{"type":"keyword"},"studies":{"type":"keyword"},
               "query":{"type":"keyword","index":false},"source":{"type":"keyword"},"xml":{"type":"keyword","index":false,"doc_values":false}}}}
            """;

    private final ElasticsearchIndexConfig config;
    private final Rest5Client rest;
    private final String index;
    private volatile boolean ready;

    /** Connects lazily: nothing is sent before the first call. */
    public ElasticsearchAuditIndex(ElasticsearchIndexConfig config) {
        this.config = config;
        this.rest = ElasticsearchStudyIndex.restClient(config);
        this.index = config.namePrefix() + "-audit";
    }

    /** The index name. */
    public String indexName() {
        return index;
    }

    @Override
    public void store(List<AuditRecord> records) throws IOException {
        ensureIndex();
        StringBuilder bulk = new StringBuilder();
        for (AuditRecord r : records) {
            bulk.append("{\"index\":{\"_id\":").append(JSON.writeValueAsString(r.id())).append("}}\n")
                    .append(JSON.writeValueAsString(document(r))).append('\n');
        }
        Request request = new Request("POST", "/" + index + "/_bulk");
        request.addParameter("refresh", config.refreshOnWrite() ? "wait_for" : "false");
        request.setJsonEntity(bulk.toString());
        JsonNode answer = read(rest.performRequest(request));
        if (answer.path("errors").asBoolean()) {
            for (JsonNode item : answer.path("items")) {
                JsonNode error = item.path("index").path("error");
                if (!error.isMissingNode()) {
                    throw new IOException("Elasticsearch refused an audit record: " + error.path("reason").asText());
                }
            }
        }
    }

    @Override
    public long removeOlderThan(Instant cutoff) throws IOException {
        ensureIndex();
        // Found, then deleted by id in pages: delete-by-query needs the reindex module, which a cluster may lack.
        long removed = 0;
        while (true) {
            Request search = new Request("POST", "/" + index + "/_search");
            search.setJsonEntity("{\"size\":1000,\"_source\":false,\"query\":{\"range\":{\"time\":{\"lt\":\"" + cutoff + "\"}}}}");
            JsonNode hits = read(rest.performRequest(search)).path("hits").path("hits");
            if (hits.isEmpty()) {
                return removed;
            }
            StringBuilder bulk = new StringBuilder();
            for (JsonNode hit : hits) {
                bulk.append("{\"delete\":{\"_id\":").append(JSON.writeValueAsString(hit.path("_id").asText())).append("}}\n");
            }
            Request delete = new Request("POST", "/" + index + "/_bulk");
            delete.addParameter("refresh", "true");
            delete.setJsonEntity(bulk.toString());
            rest.performRequest(delete);
            removed += hits.size();
        }
    }

    @Override
    public Page search(AuditSearch search) {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", search.offset()).put("size", search.limit()).put("track_total_hits", true);
        body.putArray("sort").addObject().put("time", "desc");
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        ObjectNode time = JSON.createObjectNode();
        if (search.from() != null) {
            time.put("gte", search.from().toString());
        }
        if (search.to() != null) {
            time.put("lt", search.to().toString());
        }
        if (!time.isEmpty()) {
            filter.addObject().putObject("range").set("time", time);
        }
        term(filter, "user", search.user());
        term(filter, "address", search.address());
        term(filter, "patients", search.patient());
        term(filter, "studies", search.study());
        term(filter, "type", search.type());
        term(filter, "outcome", search.outcome() == null ? null : search.outcome().name());
        if (search.hasPatient() != null) {
            ObjectNode exists = JSON.createObjectNode();
            exists.putObject("exists").put("field", "patients");
            if (search.hasPatient()) {
                filter.add(exists);
            } else {
                filter.addObject().putObject("bool").putArray("must_not").add(exists);
            }
        }
        try {
            ensureIndex();
            Request request = new Request("POST", "/" + index + "/_search");
            request.setJsonEntity(JSON.writeValueAsString(body));
            JsonNode hits = read(rest.performRequest(request)).path("hits");
            List<AuditRecord> records = new ArrayList<>();
            for (JsonNode hit : hits.path("hits")) {
                records.add(record(hit.path("_id").asText(), hit.path("_source")));
            }
            return new Page(records, hits.path("total").path("value").asLong());
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("the audit index does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<AuditRecord> find(String id) {
        try {
            ensureIndex();
            JsonNode doc = read(rest.performRequest(new Request("GET", "/" + index + "/_doc/" + java.net.URLEncoder.encode(id,
                    java.nio.charset.StandardCharsets.UTF_8))));
            if (!doc.path("found").asBoolean()) {
                return Optional.empty();
            }
            return Optional.of(record(doc.path("_id").asText(), doc.path("_source")));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new UnavailableException("the audit index does not answer: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("the audit index does not answer: " + e.getMessage(), e);
        }
    }

    /** Creates the index if it is missing (once per process). */
    void ensureIndex() throws IOException {
        if (ready) {
            return;
        }
        IndexCreation.createIfMissing(rest, index, MAPPING.formatted(config.replicas()));
        ready = true;
    }

    private static void term(ArrayNode filter, String field, String value) {
        if (value != null) {
            filter.addObject().putObject("term").put(field, value);
        }
    }

    private static ObjectNode document(AuditRecord r) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("time", r.time().toString()).put("type", r.type()).put("eventCode", r.eventCode()).put("actionCode", r.actionCode())
                .put("outcome", r.outcome().name()).put("detail", r.detail()).put("user", r.user()).put("aeTitle", r.aeTitle())
                .put("address", r.address()).put("query", r.query()).put("source", r.source()).put("xml", r.xml());
        r.patients().forEach(doc.putArray("patients")::add);
        r.studies().forEach(doc.putArray("studies")::add);
        return doc;
    }

    private static AuditRecord record(String id, JsonNode s) {
        return new AuditRecord(id, Instant.parse(s.path("time").asText()), s.path("type").asText(), text(s, "eventCode"),
                text(s, "actionCode"), AuditEvent.Outcome.valueOf(s.path("outcome").asText()), text(s, "detail"), text(s, "user"),
                text(s, "aeTitle"), text(s, "address"), strings(s.path("patients")), strings(s.path("studies")), text(s, "query"),
                text(s, "source"), s.path("xml").asText());
    }

    private static String text(JsonNode s, String field) {
        JsonNode value = s.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static JsonNode read(Response response) throws IOException {
        try {
            return JSON.readTree(EntityUtils.toString(response.getEntity()));
        } catch (ParseException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
