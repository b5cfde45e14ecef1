package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.index.DocumentDifference;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.IndexedInstance;

/**
 * Compares documents in the index with those built from the blob store, field by field, and
 * lists every document. Only fields the blob store cannot give back are left out of the
 * comparison: {@code vna.receivedAt} and {@code vna.sourceAeTitle} (the STOW-RS client is not
 * recorded in the object).
 */
final class IndexAuditor {

    /** Fields that say which object a document describes. */
    private static final Set<String> OBJECT_FIELDS = Set.of("vna.blobKey", "vna.size", "vna.sha256");
    private static final Set<String> NOT_COMPARED = Set.of("vna.receivedAt", "vna.sourceAeTitle");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;
    private static final int MGET_CHUNK = 200;

    private final ElasticsearchClient client;
    private final String alias;

    IndexAuditor(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    List<DocumentDifference> compare(Collection<ArchivedInstance> expected) {
        List<ArchivedInstance> all = List.copyOf(expected);
        List<DocumentDifference> differences = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MGET_CHUNK) {
            List<ArchivedInstance> chunk = all.subList(from, Math.min(all.size(), from + MGET_CHUNK));
            Map<String, ObjectNode> actual = fetch(chunk.stream().map(i -> i.ref().sopInstanceUid()).toList());
            for (ArchivedInstance instance : chunk) {
                String sop = instance.ref().sopInstanceUid();
                ObjectNode held = actual.get(sop);
                if (held == null) {
                    differences.add(new DocumentDifference(sop, DocumentDifference.Kind.MISSING, List.of()));
                    continue;
                }
                Set<String> fields = new TreeSet<>();
                diff("", normalized(InstanceDocuments.of(instance)), held, fields);
                fields.removeAll(NOT_COMPARED);
                if (fields.stream().anyMatch(OBJECT_FIELDS::contains)) {
                    differences.add(new DocumentDifference(sop, DocumentDifference.Kind.STALE,
                            fields.stream().filter(OBJECT_FIELDS::contains).toList()));
                } else if (!fields.isEmpty()) {
                    differences.add(new DocumentDifference(sop, DocumentDifference.Kind.ATTRIBUTES, List.copyOf(fields)));
                }
            }
        }
        return differences;
    }

    /** The documents of these ids that exist, by id. */
    private Map<String, ObjectNode> fetch(List<String> ids) {
        MgetResponse<ObjectNode> response = EsFailures.call("read documents",
                () -> client.mget(m -> m.index(alias).ids(ids), ObjectNode.class));
        Map<String, ObjectNode> found = new HashMap<>();
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) {
                throw new IndexUnavailableException("Elasticsearch could not read document " + item.failure().id() + ": "
                        + item.failure().error().reason(), null);
            }
            GetResult<ObjectNode> result = item.result();
            if (result.found() && result.source() != null) {
                found.put(result.id(), result.source());
            }
        }
        return found;
    }

    /** Same node types as a document read back from Elasticsearch (ints, not longs). */
    static JsonNode normalized(ObjectNode doc) {
        try {
            return JSON.readTree(JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds to {@code out} the paths where the two differ: object members one by one (so the
     * stored header reports each attribute), anything else as a whole.
     */
    static void diff(String path, JsonNode expected, JsonNode actual, Set<String> out) {
        if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, expected.get(name), actual.get(name), out);
            }
        } else if (expected == null || !expected.equals(actual)) {
            out.add(topOf(path));
        }
    }

    /** {@code vna.dataset.00100010.Value} -> {@code vna.dataset.00100010}; other paths to depth 2 at most. */
    private static String topOf(String path) {
        String[] parts = path.split("\\.");
        if (parts.length >= 3 && parts[0].equals("vna") && parts[1].equals("dataset")) {
            return "vna.dataset." + parts[2];
        }
        if (parts[0].equals("vna") && parts.length >= 2) {
            return "vna." + parts[1];
        }
        return parts[0];
    }

    Stream<IndexedInstance> instances() {
        return Stream.iterate(page(null), p -> !p.isEmpty(),
                        p -> p.size() < PAGE ? List.of() : page(p.get(p.size() - 1).ref().sopInstanceUid()))
                .flatMap(List::stream);
    }

    private List<IndexedInstance> page(String after) {
        SearchResponse<ObjectNode> response = EsFailures.call("list the indexed instances", () -> client.search(s -> {
            s.index(alias).size(PAGE).trackTotalHits(t -> t.enabled(false)).query(QueryTranslator.level(QueryLevel.INSTANCE))
                    .sort(o -> o.field(f -> f.field("SOPInstanceUID").order(SortOrder.Asc)))
                    .source(src -> src.filter(f -> f.includes("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID",
                            "vna.blobKey", "vna.size", "vna.sha256")));
            if (after != null) {
                s.searchAfter(FieldValue.of(after));
            }
            return s;
        }, ObjectNode.class));
        List<IndexedInstance> out = new ArrayList<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            ObjectNode source = hit.source();
            JsonNode vna = source.path("vna");
            String sha = vna.path("sha256").asText(null);
            out.add(new IndexedInstance(IndexRebuild.ref(source), vna.path("blobKey").asText(""), vna.path("size").asLong(-1),
                    sha));
        }
        return out;
    }
}
