package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.index.IndexBuild;
import org.vesalius.vna.archive.index.IndexBuildConflictException;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.IndexWriteException;

/**
 * A new versioned index, {@code <alias>-v<VERSION>-<yyyyMMddHHmmssSSS>}, filled beside the live
 * one. While it is filled it carries a second alias, {@code <alias>-build}, which marks a build
 * as running (a second build refuses to start, or takes over and deletes this index) and which
 * every write requires: writes of a build that was taken over fail instead of re-creating the
 * index. Refreshing is off while it fills. {@link #switchOver()} moves the live alias and removes
 * the build alias in one {@code POST _aliases}, so queries switch with no gap.
 */
final class IndexRebuild implements IndexBuild {

    private static final Logger LOG = LoggerFactory.getLogger(IndexRebuild.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final int PAGE = 1000;

    private final IndexAdmin admin;
    private final BulkWriter writer;
    private final Summaries summaries;
    private final ElasticsearchClient client;
    private final ElasticsearchIndexConfig config;
    private final String name;
    private boolean switched;

    private IndexRebuild(IndexAdmin admin, ElasticsearchClient client, ElasticsearchIndexConfig config, String name) {
        this.admin = admin;
        this.client = client;
        this.config = config;
        this.name = name;
        this.writer = new BulkWriter(client, false);
        this.summaries = new Summaries(client, false);
    }

    /** The alias that marks a running build. */
    static String buildAlias(ElasticsearchIndexConfig config) {
        return config.alias() + "-build";
    }

    static IndexRebuild start(IndexAdmin admin, ElasticsearchClient client, ElasticsearchIndexConfig config,
            boolean takeOver, Clock clock) {
        String buildAlias = buildAlias(config);
        String name = config.indexName(IndexMapping.VERSION) + "-" + STAMP.format(clock.instant());
        EsFailures.call("start an index build", () -> {
            String running = admin.aliasTarget(buildAlias);
            if (running != null) {
                if (!takeOver) {
                    throw new IndexBuildConflictException("an index build is marked as running: index " + running
                            + " carries alias " + buildAlias + ". If no reindex runs (it was interrupted), take it over:"
                            + " vna reindex --vna.reindex.take-over=true (its index is deleted)");
                }
                LOG.warn("taking over the index build of {}: deleting it", running);
                admin.deleteIndex(running);
            }
            admin.putTemplate();
            ObjectNode body = JSON.createObjectNode();
            body.putObject("settings").putObject("index").put("refresh_interval", "-1");
            body.putObject("aliases").putObject(buildAlias);
            try {
                admin.put("/" + name, body.toString());
            } catch (ResponseException e) {
                if (e.getMessage().contains("invalid_alias_name") || e.getMessage().contains("already exists")) {
                    throw new IndexBuildConflictException("cannot create " + name + " with alias " + buildAlias
                            + ": " + e.getMessage());
                }
                throw e;
            }
            return null;
        });
        LOG.info("index build started: {}", name);
        return new IndexRebuild(admin, client, config, name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> live() {
        return Optional.ofNullable(EsFailures.call("read the alias", () -> admin.aliasTarget(config.alias())))
                .filter(index -> !index.equals(name));
    }

    @Override
    public void index(Collection<ArchivedInstance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        Map<String, String> refused = new LinkedHashMap<>();
        // Once switched, the build alias is gone and the new index is the live one.
        String target = switched ? config.alias() : buildAlias(config);
        List<BulkOperation> operations = BulkWriter.indexOperations(target, instances, refused);
        var affected = Summaries.affected(instances.stream().map(ArchivedInstance::ref).toList());
        try {
            writer.write(operations, refused, "index instances into " + name);
        } catch (IndexWriteException e) {
            summaries.update(target, affected); // what was written still counts
            throw e;
        }
        summaries.update(target, affected);
    }

    @Override
    public Stream<InstanceRef> receivedSince(String index, Instant since) {
        EsFailures.call("refresh " + index, () -> admin.send("POST", "/" + index + "/_refresh", null));
        return Stream.iterate(page(index, since, null), p -> !p.isEmpty(), p -> p.size() < PAGE ? List.of()
                        : page(index, since, p.get(p.size() - 1).sopInstanceUid()))
                .flatMap(List::stream);
    }

    /** One page of instances by SOP Instance UID, after {@code after}. */
    private List<InstanceRef> page(String index, Instant since, String after) {
        SearchResponse<ObjectNode> response = EsFailures.call("list recent instances of " + index, () -> client.search(s -> {
            s.index(index).size(PAGE).trackTotalHits(t -> t.enabled(false))
                    .query(q -> q.bool(b -> b.filter(QueryTranslator.level(QueryLevel.INSTANCE))
                            .filter(f -> f.range(r -> r.date(d -> d.field("vna.receivedAt").format("epoch_millis")
                                    .gte(Long.toString(since.toEpochMilli())))))))
                    .sort(o -> o.field(f -> f.field("SOPInstanceUID").order(SortOrder.Asc)))
                    .source(src -> src.filter(f -> f.includes("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID")));
            if (after != null) {
                s.searchAfter(FieldValue.of(after));
            }
            return s;
        }, ObjectNode.class));
        return response.hits().hits().stream().map(Hit::source).map(IndexRebuild::ref).toList();
    }

    static InstanceRef ref(ObjectNode source) {
        return new InstanceRef(first(source, "StudyInstanceUID"), first(source, "SeriesInstanceUID"),
                first(source, "SOPInstanceUID"));
    }

    static String first(ObjectNode source, String field) {
        var node = source.path(field);
        return node.isArray() ? node.path(0).asText("") : node.asText("");
    }

    @Override
    public Optional<String> switchOver() {
        String alias = config.alias();
        String buildAlias = buildAlias(config);
        String previous = EsFailures.call("switch the alias to " + name, () -> {
            if (!name.equals(admin.aliasTarget(buildAlias))) {
                throw new IndexBuildConflictException("the build of " + name + " was taken over by another reindex");
            }
            ObjectNode settings = JSON.createObjectNode();
            settings.putObject("index").putNull("refresh_interval"); // back to the template's default
            admin.put("/" + name + "/_settings", settings.toString());
            admin.send("POST", "/" + name + "/_refresh", null);
            String current = admin.aliasTarget(alias);
            ObjectNode body = JSON.createObjectNode();
            ArrayNode actions = body.putArray("actions");
            if (current != null) {
                actions.addObject().putObject("remove").put("index", current).put("alias", alias).put("must_exist", true);
            }
            actions.addObject().putObject("add").put("index", name).put("alias", alias).put("is_write_index", true);
            actions.addObject().putObject("remove").put("index", name).put("alias", buildAlias).put("must_exist", true);
            try {
                admin.send("POST", "/_aliases", body.toString());
            } catch (ResponseException e) {
                throw new IndexUnavailableException("switching alias " + alias + " from " + current + " to " + name
                        + " failed (nothing changed): " + e.getMessage(), e);
            }
            return current;
        });
        switched = true;
        LOG.info("alias {} switched from {} to {}", alias, previous, name);
        return Optional.ofNullable(previous);
    }

    @Override
    public void drop(String index) {
        if (index.equals(name) && switched) {
            throw new IllegalArgumentException(index + " is live");
        }
        EsFailures.call("delete " + index, () -> admin.deleteIndex(index));
        LOG.info("index {} deleted", index);
    }

    @Override
    public void close() {
        if (switched) {
            return;
        }
        try {
            EsFailures.call("delete the unfinished " + name, () -> {
                if (name.equals(admin.aliasTarget(buildAlias(config)))) { // not if another build took it over
                    admin.deleteIndex(name);
                }
                return null;
            });
            LOG.info("index build {} abandoned and deleted", name);
        } catch (RuntimeException e) {
            LOG.warn("could not delete the unfinished index {} ({}); the next reindex needs --vna.reindex.take-over=true",
                    name, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "IndexRebuild[" + name + "]";
    }
}
