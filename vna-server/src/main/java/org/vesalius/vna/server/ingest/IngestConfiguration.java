package org.vesalius.vna.server.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.CoercionRule;
import org.vesalius.vna.archive.ingest.DefaultIssuerRule;
import org.vesalius.vna.archive.ingest.HeaderLimits;
import org.vesalius.vna.archive.ingest.IndexFeed;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.ingest.quota.IngestQuotas;
import org.vesalius.vna.archive.ingest.quota.Quota;
import org.vesalius.vna.archive.ingest.quota.QuotaSettings;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.server.metrics.MeteredStudyIndex;
import org.vesalius.vna.server.audit.AuditingIngestPort;
import org.vesalius.vna.server.metrics.TimedIngestPort;

/**
 * The ingest feature ({@link IngestFeature}): the one {@link IngestPort} every edge calls, and the
 * node's ingest log, index feed and catch-up behind it.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IngestSettings ingestSettings(IngestProperties p) {
        return new IngestSettings(p.maxHeaderBytes().toBytes(), p.duplicatePolicy(), p.indexRetryAfter(),
                new HeaderLimits(p.maxHeaderElements(), p.maxHeaderItems(), p.maxHeaderDepth(),
                        p.headerMemoryBudget().toBytes(), p.headerMemoryWait(), p.maxIndexedElements()),
                p.patientMismatch());
    }

    @Bean
    DefaultIssuerRule defaultIssuerRule(IngestProperties p) {
        return new DefaultIssuerRule(p.defaultIssuer().byCallingAe(), p.defaultIssuer().byStowClient());
    }

    @Bean(destroyMethod = "close")
    IngestFeature ingestFeature(BlobStore blobs, Journal journal, StudyIndex index, List<CoercionRule> rules,
            IngestSettings settings, Clock clock, IngestProperties p, MeterRegistry registry, Environment environment) {
        IngestFeature.WriteBehind writeBehind = p.index().writeBehind()
                ? new IngestFeature.WriteBehind(p.index().batchSize(), p.index().linger(), p.index().minInterval())
                : null;
        // Measured here: every index write of ingest (inline, write-behind batches, catch-up) goes through it.
        // A maintenance command (beside the server or not) only reads the log: the server owns it.
        IngestLog.Settings log = new IngestLog.Settings(p.log().directoryPath(), p.log().segmentSize().toBytes(),
                environment.matchesProfiles("command"));
        return IngestFeature.create(blobs, journal, new MeteredStudyIndex(index, registry), rules, settings, writeBehind,
                log, clock);
    }

    /** Timed (vna.ingest.instances) and within the sources' quotas: every edge calls this one bean. */
    @Bean
    IngestPort ingest(IngestFeature feature, MeterRegistry registry, IngestProperties p, AuditPort audit) {
        return AuditingIngestPort.around(new TimedIngestPort(IngestQuotas.around(feature.ingest(), quotaSettings(p.quota())), registry),
                audit);
    }

    static QuotaSettings quotaSettings(IngestProperties.Quotas q) {
        Map<String, Quota> sources = new HashMap<>();
        q.byCallingAe().forEach((ae, quota) -> sources.put(IngestSource.dimse(ae).toString(),
                new Quota(quota.bytes().toBytes(), quota.instances())));
        q.byStowClient().forEach((client, quota) -> sources.put(IngestSource.stow(client).toString(),
                new Quota(quota.bytes().toBytes(), quota.instances())));
        return new QuotaSettings(q.window(), new Quota(q.bytes().toBytes(), q.instances()), sources);
    }

    /** What waits for the index: the ingest log's unindexed records and older markers (health, status, maintenance). */
    @Bean
    IndexQueue indexQueue(IngestFeature feature) {
        return feature.indexQueue();
    }

    /** The feature closes it (an inferred destroy method would close it twice). */
    @Bean(destroyMethod = "")
    IndexFeed indexFeed(IngestFeature feature) {
        return feature.indexFeed();
    }

    /** Starts draining once the application runs; not in command mode, whose process is short-lived. */
    @Bean
    @Profile("!command")
    CatchUpStarter catchUpStarter(IngestFeature feature, IngestProperties p) {
        return new CatchUpStarter(feature, p);
    }

    record CatchUpStarter(IngestFeature feature, IngestProperties properties) {
        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            feature.startCatchUp(properties.catchUpInterval(), properties.index().catchUpBatchSize());
        }
    }
}
