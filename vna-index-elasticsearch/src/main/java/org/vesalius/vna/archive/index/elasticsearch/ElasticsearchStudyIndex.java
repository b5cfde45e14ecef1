package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.index.DocumentDifference;
import org.vesalius.vna.archive.index.IndexAudit;
import org.vesalius.vna.archive.index.IndexBuild;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.IndexedInstance;
import org.vesalius.vna.archive.index.QueryIndex;
import org.vesalius.vna.archive.index.RebuildableIndex;
import org.vesalius.vna.archive.index.StudyIndex;

/**
 * The index on Elasticsearch: one document per instance, id = SOP Instance UID, carrying the
 * matchable attributes of its patient, study and series too, and one summary document per study
 * and per series ({@link Summaries}), in index {@code <prefix>-instances-v2}
 * (or {@code <prefix>-instances-v1-<stamp>} once rebuilt by {@link #startBuild}) behind alias
 * {@code <prefix>-instances} (see the module README for the mapping, the matching rules, the
 * migration plan and reindexing).
 *
 * <p>Writes replace whole documents, so re-indexing an instance is idempotent; after each write
 * the summaries of the studies and series it touched are derived again from their instances, so
 * their counts are right after any write or removal. The index,
 * template and alias are created on first use, so the archive may start while Elasticsearch is
 * still away. Thread-safe; close it to release the HTTP client.
 */
public final class ElasticsearchStudyIndex implements StudyIndex, QueryIndex, RebuildableIndex, IndexAudit, AutoCloseable {

    private final ElasticsearchIndexConfig config;
    private final Rest5Client rest;
    private final ElasticsearchClient client;
    private final IndexAdmin admin;
    private final BulkWriter writer;
    private final IndexSearcher searcher;
    private final IndexAuditor auditor;
    private final Summaries summaries;
    private final ReentrantLock ensureLock = new ReentrantLock();
    private volatile boolean ready;

    /** Connects lazily: nothing is sent before the first call. */
    public ElasticsearchStudyIndex(ElasticsearchIndexConfig config) {
        this.config = config;
        this.rest = restClient(config);
        this.client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
        this.admin = new IndexAdmin(rest, config);
        this.writer = new BulkWriter(client, config.refreshOnWrite());
        this.searcher = new IndexSearcher(client, config.alias());
        this.auditor = new IndexAuditor(client, config.alias());
        this.summaries = new Summaries(client, config.refreshOnWrite());
    }

    static Rest5Client restClient(ElasticsearchIndexConfig config) {
        Rest5ClientBuilder builder = Rest5Client.builder(config.hosts().toArray(URI[]::new))
                .setConnectionConfigCallback(c -> c.setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setSocketTimeout(Timeout.of(config.requestTimeout())))
                .setRequestConfigCallback(r -> r.setResponseTimeout(Timeout.of(config.requestTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(config.connectTimeout())));
        if (config.username() != null) {
            String token = Base64.getEncoder().encodeToString(
                    (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + token)});
        }
        return builder.build();
    }

    /**
     * Creates the template, index and alias if missing and checks the mapping version. Called
     * by every operation until it has succeeded once; call it at startup to fail early.
     */
    public void ensureIndex() {
        if (ready) {
            return;
        }
        // A lock, not synchronized: the first caller does network I/O while holding it, and a
        // virtual thread blocked in a monitor pins its carrier on older JDKs, so every
        // association waiting here could stall the whole carrier pool.
        boolean checkedMeanwhile = false;
        if (!ensureLock.tryLock()) {
            // Another caller checks the index now. Wait for its answer, not for a check of one's
            // own after it: with Elasticsearch hung, each check takes the whole request timeout,
            // and queries queued here one behind the other would answer after N timeouts.
            checkedMeanwhile = true;
            try {
                if (!ensureLock.tryLock(config.requestTimeout().plus(config.connectTimeout()).toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IndexUnavailableException("Elasticsearch did not answer the index check in time", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexUnavailableException("interrupted while the index was checked", e);
            }
        }
        try {
            if (!ready) {
                if (checkedMeanwhile) {
                    throw new IndexUnavailableException("Elasticsearch failed the index check just made", null);
                }
                admin.ensureIndex();
                ready = true;
            }
        } finally {
            ensureLock.unlock();
        }
    }

    /** Callers waiting while another checks the index (tests). */
    int callersWaitingForTheIndexCheck() {
        return ensureLock.getQueueLength();
    }

    @Override
    public void index(Collection<ArchivedInstance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        ensureIndex();
        Map<String, String> refused = new LinkedHashMap<>();
        List<BulkOperation> operations = BulkWriter.indexOperations(config.alias(), instances, refused);
        write(operations, refused, "index instances", Summaries.affected(instances.stream().map(ArchivedInstance::ref).toList()));
    }

    @Override
    public void remove(Collection<InstanceRef> instances) {
        if (instances.isEmpty()) {
            return;
        }
        ensureIndex();
        List<BulkOperation> operations = new ArrayList<>(instances.size());
        for (InstanceRef ref : instances) {
            if (BulkWriter.validId(ref.sopInstanceUid())) { // an id that cannot be indexed is not there to remove
                operations.add(BulkOperation.of(b -> b.delete(d -> d.index(config.alias()).id(ref.sopInstanceUid()))));
            }
        }
        write(operations, Map.of(), "remove instances", Summaries.affected(instances));
    }

    private void write(List<BulkOperation> operations, Map<String, String> refused, String what,
            Map<String, Set<String>> affected) {
        if (operations.isEmpty() && refused.isEmpty()) {
            return;
        }
        try {
            try {
                writer.write(operations, refused, what);
            } catch (IndexWriteException e) {
                summaries.update(config.alias(), affected); // what was written still counts
                throw e;
            }
            summaries.update(config.alias(), affected);
        } catch (IndexUnavailableException e) {
            ready = false; // the index may have been deleted: check it again next time
            throw e;
        }
    }

    /** Runs {@code hook} between aggregating and writing summaries (tests of concurrent writers). */
    void beforeSummaryWrite(Runnable hook) {
        summaries.beforeWrite(hook);
    }

    /** True when the cluster answers and is not red (it does not create the index). */
    @Override
    public boolean isAvailable() {
        try {
            HealthStatus status = EsFailures.call("report health",
                    () -> client.cluster().health(h -> h.timeout(t -> t.time("1s")))).status();
            return status != HealthStatus.Red;
        } catch (IndexUnavailableException | IllegalStateException e) {
            return false;
        }
    }

    @Override
    public Page find(Query query, Set<Integer> fetch, boolean everything) {
        ensureIndex();
        try {
            return EsFailures.call("run a query", () -> searcher.find(query, fetch, everything));
        } catch (IndexUnavailableException e) {
            ready = false;
            throw e;
        }
    }

    /**
     * Starts filling a new index {@code <alias>-v<VERSION>-<stamp>} beside the live one
     * ({@code vna reindex}); the live index keeps serving until {@link IndexBuild#switchOver()}.
     */
    @Override
    public IndexBuild startBuild(boolean takeOver) {
        return IndexRebuild.start(admin, client, config, takeOver, Clock.systemUTC());
    }

    @Override
    public List<DocumentDifference> compare(Collection<ArchivedInstance> expected) {
        ensureIndex();
        return auditor.compare(expected);
    }

    @Override
    public long compareSummaries(java.util.function.Consumer<org.vesalius.vna.archive.index.SummaryDifference> differences) {
        ensureIndex();
        refresh(); // summaries written a moment ago are compared with the instances they were derived from
        return new SummaryAuditor(client, config.alias()).compare(differences);
    }

    @Override
    public Stream<IndexedInstance> instances() {
        ensureIndex();
        return auditor.instances();
    }

    /** Makes every write so far visible to queries now (patient updates; tests; after a bulk re-index). */
    @Override
    public void refresh() {
        ensureIndex();
        admin.refresh();
    }

    /** Deletes the index and its template: the next call creates them empty ({@code vna reindex}, tests). */
    public void deleteIndex() {
        admin.deleteAll();
        ready = false;
    }

    @Override
    public void close() {
        try {
            rest.close();
        } catch (IOException e) {
            throw new IndexUnavailableException("could not close the Elasticsearch client", e);
        }
    }

    @Override
    public String toString() {
        return "ElasticsearchStudyIndex[" + config + "]";
    }
}
