package org.vesalius.vna.server.ingest;

import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.ingest.CoercionRule;
import org.vesalius.vna.archive.ingest.DefaultIssuerRule;
import org.vesalius.vna.archive.ingest.IndexCatchUp;
import org.vesalius.vna.archive.ingest.IndexFeed;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.storage.BlobStore;

/** The one {@link IngestPort} every edge calls, and the index queue's catch-up worker. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IngestSettings ingestSettings(IngestProperties p) {
        return new IngestSettings(p.maxHeaderBytes().toBytes(), p.duplicatePolicy(), p.indexRetryAfter());
    }

    @Bean
    IndexQueue indexQueue(BlobStore blobs) {
        return new IndexQueue(blobs);
    }

    @Bean(destroyMethod = "close")
    IndexFeed indexFeed(StudyIndex index, IndexQueue queue, Clock clock, IngestSettings settings, IngestProperties p) {
        IndexFeed feed = new IndexFeed(index, queue, clock, settings.indexRetryAfter());
        return p.index().writeBehind() ? feed.withWriteBehind(p.index().batchSize(), p.index().linger()) : feed;
    }

    @Bean
    DefaultIssuerRule defaultIssuerRule(IngestProperties p) {
        return new DefaultIssuerRule(p.defaultIssuer().byCallingAe(), p.defaultIssuer().byStowClient());
    }

    @Bean
    IngestPort ingestService(BlobStore blobs, IndexFeed feed, List<CoercionRule> rules, IngestSettings settings, Clock clock) {
        return IngestFeature.create(blobs, feed, rules, settings, clock);
    }

    @Bean(destroyMethod = "close")
    IndexCatchUp indexCatchUp(BlobStore blobs, IndexQueue queue, StudyIndex index, IndexFeed feed, IngestSettings settings,
            Clock clock) {
        InstanceLoader loader = new InstanceLoader(blobs, new CoercionRecords(blobs), settings.maxHeaderBytes());
        return new IndexCatchUp(queue, index, loader, feed, clock);
    }

    /** Starts draining once the application runs; not in command mode, whose process is short-lived. */
    @Bean
    @Profile("!command")
    CatchUpStarter catchUpStarter(IndexCatchUp catchUp, IngestProperties p) {
        return new CatchUpStarter(catchUp, p);
    }

    record CatchUpStarter(IndexCatchUp catchUp, IngestProperties properties) {
        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            catchUp.start(properties.catchUpInterval());
        }
    }
}
