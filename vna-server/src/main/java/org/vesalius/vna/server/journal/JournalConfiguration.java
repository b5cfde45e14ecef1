package org.vesalius.vna.server.journal;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * The server's one metadata {@link Journal}. Ingest, the index catch-up, retrieval, update and
 * the maintenance commands are all handed this instance: one cache of parsed entries, and an entry
 * appended by an update is at once what the next ingest and the next retrieve apply.
 */
@Configuration(proxyBeanMethods = false)
class JournalConfiguration {

    @Bean
    Journal journal(BlobStore blobs, Clock clock) {
        return new Journal(blobs, clock);
    }
}
