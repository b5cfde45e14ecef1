package org.vesalius.vna.server.retrieve;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.retrieve.RetrieveSettings;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.server.ingest.IngestProperties;

/**
 * The metadata journal and the one {@link RetrieveService} every edge that sends instances uses
 * (C-MOVE and C-GET now), so that each applies the same coercions and journal entries.
 */
@Configuration(proxyBeanMethods = false)
class RetrieveConfiguration {

    @Bean
    Journal journal(BlobStore blobs, Clock clock) {
        return new Journal(blobs, clock);
    }

    /** Headers as large as ingest accepts can be served. */
    @Bean(destroyMethod = "close")
    RetrieveService retrieveService(BlobStore blobs, Journal journal, IngestProperties ingest) {
        RetrieveSettings d = RetrieveSettings.DEFAULT;
        return new RetrieveService(blobs, journal,
                new RetrieveSettings(d.modifyingSystem(), ingest.maxHeaderBytes().toBytes(), d.metadataCache(), d.parallelism()));
    }
}
