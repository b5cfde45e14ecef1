package org.vesalius.vna.server.dimse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.dimse.CStoreScp;
import org.vesalius.vna.archive.ingest.IngestService;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vna.dicom.enabled", havingValue = "true", matchIfMissing = true)
class DimseConfiguration {

    @Bean
    CStoreScp cStoreScp(IngestService ingest) {
        return new CStoreScp(ingest);
    }

    @Bean
    DicomListener dicomListener(DicomProperties properties, CStoreScp cStoreScp) {
        return new DicomListener(properties, cStoreScp);
    }
}
