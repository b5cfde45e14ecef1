package org.vesalius.vna.server.maintenance;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.maintenance.Reindexer;
import org.vesalius.vna.archive.maintenance.Verifier;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;

/**
 * The maintenance commands, wired from the same beans and properties as the server (command mode:
 * profile {@value MaintenanceCommands#PROFILE}).
 */
@Configuration(proxyBeanMethods = false)
@Profile(MaintenanceCommands.PROFILE)
class MaintenanceConfiguration {

    @Bean
    InstanceLoader maintenanceInstanceLoader(BlobStore blobs, Journal journal, IngestSettings ingest) {
        return new InstanceLoader(blobs, new CoercionRecords(blobs), ingest.maxHeaderBytes(), ingest.headerLimits(), journal);
    }

    @Bean
    Reindexer reindexer(BlobStore blobs, ElasticsearchStudyIndex index, InstanceLoader maintenanceInstanceLoader,
            IndexQueue queue, ReindexProperties properties, Clock clock) {
        // Beside a running server the store is only readable: its catch-up drains the queue.
        boolean writable = !(blobs instanceof FileSystemBlobStore fs && fs.isReadOnly());
        return new Reindexer(blobs, index, maintenanceInstanceLoader, queue, properties.toSettings(writable), clock);
    }

    @Bean
    Verifier verifier(BlobStore blobs, ElasticsearchStudyIndex index, InstanceLoader maintenanceInstanceLoader,
            VerifyProperties properties, Clock clock, IngestFeature ingest) {
        // The log is opened read-only in command mode: what the server had not yet indexed is "queued".
        return new Verifier(blobs, index, maintenanceInstanceLoader, properties.toSettings(), clock, () -> {
            Set<String> sops = new HashSet<>();
            ingest.ingestLog().replay(e -> sops.add(e.sop()));
            return sops;
        });
    }
}
