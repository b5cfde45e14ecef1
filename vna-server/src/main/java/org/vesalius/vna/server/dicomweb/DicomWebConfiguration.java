package org.vesalius.vna.server.dicomweb;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.dicomweb.QidoRs;
import org.vesalius.vna.archive.dicomweb.StowRs;
import org.vesalius.vna.archive.ingest.IngestService;
import org.vesalius.vna.archive.query.QueryService;
import org.vesalius.vna.server.dimse.DicomProperties;

@Configuration(proxyBeanMethods = false)
class DicomWebConfiguration {

    @Bean
    StowRs stowRs(IngestService ingest, DicomProperties dicom) {
        return new StowRs(ingest, dicom.aeTitle());
    }

    @Bean
    QidoRs qidoRs(QueryService queries) {
        return new QidoRs(queries);
    }
}
