package org.vesalius.vna.server.index;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.query.QueryFeature;
import org.vesalius.vna.server.health.CachedHealthIndicator;

/**
 * The index: {@link ElasticsearchStudyIndex} on {@code vna.elasticsearch.url}. Elasticsearch need
 * not be up when the server starts: ingest queues until it answers (docs/architecture.md invariant 4),
 * and the adapter creates its index template, index and alias on first use.
 */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IndexConfiguration.class);

    @Bean(destroyMethod = "close")
    ElasticsearchStudyIndex studyIndex(ElasticsearchProperties properties) {
        ElasticsearchStudyIndex index = new ElasticsearchStudyIndex(properties.toConfig());
        try {
            index.ensureIndex();
            LOG.info("index: {} ready", properties);
        } catch (RuntimeException e) {
            LOG.warn("index: {} not reachable now ({}); instances are queued until it is", properties, e.getMessage());
        }
        return index;
    }

    /** The one query service (C-FIND now, QIDO-RS and FHIR next); 10,000 is Elasticsearch's result window. */
    @Bean
    QueryPort queryService(ElasticsearchStudyIndex index) {
        return QueryFeature.create(index, 10_000);
    }

    @Bean("elasticsearchHealthIndicator")
    HealthIndicator indexHealthIndicator(StudyIndex index, IndexQueue queue, Clock clock,
            @Value("${vna.health.cache-ttl:5s}") Duration ttl) {
        return new CachedHealthIndicator(new IndexHealthIndicator(index, queue), ttl, clock);
    }
}
