package org.vesalius.vna.fhir;


import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchIndexConfig;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex;
import org.vesalius.vna.archive.ingest.IndexFeed;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.query.QueryFeature;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * A real archive for the facade's tests: a filesystem blob store in a temporary directory, an
 * index of its own on the test Elasticsearch ({@code vna.test.elasticsearch.url}, set by
 * {@code ./vna test}), the archive's IngestPort, and the FHIR servlet in an embedded Tomcat on
 * a free port of 127.0.0.1. Skips the calling test when no Elasticsearch is given.
 */
final class TestArchive implements AutoCloseable {

    final Path root;
    final FileSystemBlobStore blobs;
    final IngestLog log;
    final ElasticsearchStudyIndex index;
    final IngestPort ingest;
    final QueryPort queries;
    final Tomcat tomcat;
    final String fhirBase;

    TestArchive(FhirSettings settings) throws IOException, LifecycleException {
        String url = TestElasticsearch.require();
        root = Files.createTempDirectory("vna-fhir-it");
        blobs = new FileSystemBlobStore(root.resolve("blobs"));
        index = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create(url.strip()))
                .withNamePrefix("vna-fhir-it-" + UUID.randomUUID().toString().substring(0, 8)));
        index.ensureIndex();
        log = IngestLog.open(IngestLog.Settings.of(root.resolve("ingest-log")));
        IndexFeed feed = new IndexFeed(index, new IndexQueue(blobs, log), log, Clock.systemUTC(), Duration.ofSeconds(30));
        ingest = IngestFeature.create(blobs, new Journal(blobs, Clock.systemUTC()), feed, List.of(), IngestSettings.DEFAULT, Clock.systemUTC());
        queries = QueryFeature.create(index, QueryPort.MAX_WINDOW);

        tomcat = new Tomcat();
        tomcat.setBaseDir(root.resolve("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "fhir", new VesaliusFhirServer(queries, settings));
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        fhirBase = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    /** Ingests a Part 10 file; true when stored. */
    boolean store(byte[] part10) {
        return store(new ByteArrayInputStream(part10));
    }

    boolean store(InputStream in) {
        IngestResult r = ingest.ingest(IngestRequest.part10(IngestSource.stow("fhir-it"), in, null));
        return r instanceof IngestResult.Stored;
    }

    /** Ingests every file of the shared samples' MANIFEST that the archive accepts; 0 without the folder. */
    int storeSharedSamples() {
        int stored = 0;
        try {
            for (Path file : SharedSamples.files()) {
                try (InputStream in = Files.newInputStream(file)) {
                    stored += store(in) ? 1 : 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stored;
    }

    /** Ingests generated studies; the number stored. */
    int store(List<GeneratedStudies.Instance> instances) {
        List<String> refused = new ArrayList<>();
        for (GeneratedStudies.Instance i : instances) {
            if (!store(i.part10())) {
                refused.add(i.sopUid());
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("generated instances refused: " + refused);
        }
        return instances.size();
    }

    @Override
    public void close() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            index.deleteIndex();
            index.close();
            log.close();
            blobs.close();
        }
    }
}
