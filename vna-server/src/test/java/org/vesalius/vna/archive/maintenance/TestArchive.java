package org.vesalius.vna.archive.maintenance;


import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchIndexConfig;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.ingest.DefaultIssuerRule;
import org.vesalius.vna.archive.ingest.DuplicatePolicy;
import org.vesalius.vna.archive.ingest.IndexFeed;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.ingest.PatientMismatchPolicy;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.query.QueryFeature;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.testsupport.peers.TestElasticsearch;

/**
 * An archive wired as the server wires it, on a given blob store and the test Elasticsearch
 * ({@code vna.test.elasticsearch.url}; tests skip without it) under an index prefix of its own
 * (writes do not wait for a refresh: tests call {@code index.refresh()} before they query):
 * ingest (new versions kept, a default issuer for calling AE {@value #COERCING_AE}), the index
 * queue, the instance loader, the query service.
 */
final class TestArchive implements AutoCloseable {

    static final String COERCING_AE = "COERCING_CT";
    static final String DEFAULT_ISSUER = "HOSP_C";

    final BlobStore blobs;
    final ElasticsearchIndexConfig config;
    final ElasticsearchStudyIndex index;
    final IndexQueue queue;
    final IngestLog log;
    final InstanceLoader loader;
    final IngestPort ingest;
    final QueryPort queries;
    final Clock clock = Clock.systemUTC();

    TestArchive(BlobStore blobs) {
        this.blobs = blobs;
        this.config = ElasticsearchIndexConfig.local(URI.create(elasticsearchUrl()))
                .withNamePrefix("vna-mt-" + UUID.randomUUID().toString().substring(0, 8));
        this.index = new ElasticsearchStudyIndex(config);
        try {
            this.log = IngestLog.open(IngestLog.Settings.of(java.nio.file.Files.createTempDirectory("vna-ingest-log")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.queue = new IndexQueue(blobs, log);
        // As a migration leaves an archive: new versions kept, studies holding several patients accepted
        // (the shared samples have one); verify and reindex must cope with both.
        IngestSettings settings = IngestSettings.DEFAULT.withDuplicatePolicy(DuplicatePolicy.KEEP_AS_NEW_VERSION)
                .withPatientMismatch(PatientMismatchPolicy.ACCEPT);
        Journal journal = new Journal(blobs, clock);
        this.loader = new InstanceLoader(blobs, new CoercionRecords(blobs), settings.maxHeaderBytes(), journal);
        IndexFeed feed = new IndexFeed(index, queue, log, clock, Duration.ofSeconds(30));
        this.ingest = IngestFeature.create(blobs, journal, feed, List.of(new DefaultIssuerRule(Map.of(COERCING_AE, DEFAULT_ISSUER), Map.of())),
                settings, clock);
        this.queries = QueryFeature.create(index, QueryPort.MAX_WINDOW);
    }

    /** The test Elasticsearch; skips the calling test without one. */
    static String elasticsearchUrl() {
        return TestElasticsearch.require();
    }

    IngestResult store(byte[] part10, IngestSource source) {
        return ingest.ingest(IngestRequest.part10(source, new ByteArrayInputStream(part10), null));
    }

    Reindexer reindexer(ReindexSettings settings) {
        return new Reindexer(blobs, index, loader, queue, settings, clock);
    }

    Verifier verifier() {
        return new Verifier(blobs, index, loader, VerifySettings.DEFAULT, clock);
    }

    /** Runs verify and returns its findings. */
    List<Finding> verify(VerifyReport[] report) {
        List<Finding> findings = new ArrayList<>();
        report[0] = verifier().run(findings::add);
        return findings;
    }

    /** The indices under this archive's prefix (live, kept, being built). */
    List<String> indices() {
        String body = http("GET", "/_cat/indices/" + config.namePrefix() + "-*?h=index");
        return body.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    String http(String method, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(elasticsearchUrl() + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 404 ? "" : response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            for (String name : indices()) {
                http("DELETE", "/" + name);
            }
            http("DELETE", "/_index_template/" + config.templateName());
        } finally {
            index.close();
            log.close();
            blobs.close();
        }
    }
}
