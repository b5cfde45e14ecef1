package org.vesalius.vna.server.update;

import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.update.PatientLinks;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.update.UpdateFeature;
import org.vesalius.vna.server.audit.AuditingUpdatePort;
import org.vesalius.vna.archive.api.audit.AuditPort;

/** The {@link UpdatePort} (journal first, then index) and its catch-up of pending index work. */
@Configuration(proxyBeanMethods = false)
class UpdateConfiguration {

    @Bean(destroyMethod = "close")
    UpdateFeature updateFeature(Journal journal, QueryPort queries, StudyIndex index, RetrievePort retrieve, BlobStore blobs,
            IngestSettings settings, Clock clock, UpdateProperties p) {
        InstanceLoader loader = new InstanceLoader(blobs, new CoercionRecords(blobs), settings.maxHeaderBytes(), settings.headerLimits(), journal);
        return UpdateFeature.create(journal, queries, index, loader, retrieve, blobs, clock, p.settle());
    }

    @Bean
    PatientLinks patientLinks(UpdateFeature feature) {
        return feature.links();
    }

    @Bean
    UpdatePort updates(UpdateFeature feature, AuditPort audit, Clock clock) {
        return AuditingUpdatePort.around(feature.updates(), audit, clock);
    }

    @Bean
    UpdateCatchUpStarter updateCatchUpStarter(UpdateFeature updates, UpdateProperties p) {
        return new UpdateCatchUpStarter(updates, p);
    }

    record UpdateCatchUpStarter(UpdateFeature updates, UpdateProperties properties) {
        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            updates.start(properties.catchUpInterval());
        }
    }
}
