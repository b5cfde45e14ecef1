package org.vesalius.vna.server.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.IndexQueue;

/**
 * The {@link StudyIndex} bean: THE wiring point of the Elasticsearch adapter. Until
 * {@code org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex} is merged this is
 * {@link UnavailableStudyIndex}, and everything ingested waits in the index queue. Then:
 * {@code return new ElasticsearchStudyIndex(properties.url());} (closed on shutdown).
 */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IndexConfiguration.class);

    @Bean
    StudyIndex studyIndex(ElasticsearchProperties properties) {
        LOG.warn("index: {} ({} not used yet)", UnavailableStudyIndex.REASON, properties.url());
        return new UnavailableStudyIndex();
    }

    @Bean("elasticsearchHealthIndicator")
    IndexHealthIndicator indexHealthIndicator(StudyIndex index, IndexQueue queue, ElasticsearchProperties properties) {
        return new IndexHealthIndicator(index, queue, properties);
    }
}
