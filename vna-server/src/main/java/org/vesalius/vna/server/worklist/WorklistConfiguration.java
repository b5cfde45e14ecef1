package org.vesalius.vna.server.worklist;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchWorklistIndex;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.worklist.WorklistFeature;
import org.vesalius.vna.server.audit.AuditingWorklistPort;
import org.vesalius.vna.server.index.ElasticsearchProperties;

/**
 * The worklist of imaging orders: items in the blob store, their searchable copy in the index
 * {@code <prefix>-worklist} (created on first use). Scheduled by the HL7 edge (ORM, OMI), found by
 * the Modality Worklist C-FIND SCP and FHIR ServiceRequest.
 */
@Configuration(proxyBeanMethods = false)
class WorklistConfiguration {

    @Bean(destroyMethod = "close")
    ElasticsearchWorklistIndex worklistIndex(ElasticsearchProperties elasticsearch) {
        return new ElasticsearchWorklistIndex(elasticsearch.toConfig());
    }

    /** Audited: every order change is an Order Record. */
    @Bean
    WorklistPort worklist(BlobStore blobs, ElasticsearchWorklistIndex index, AuditPort audit, Clock clock) {
        return AuditingWorklistPort.around(WorklistFeature.create(blobs, index), audit, clock);
    }
}
