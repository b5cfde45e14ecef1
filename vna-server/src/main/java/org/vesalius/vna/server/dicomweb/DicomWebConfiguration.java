package org.vesalius.vna.server.dicomweb;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.access.PatientScopedPorts;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.dicomweb.QidoRs;
import org.vesalius.vna.archive.dicomweb.StowRs;
import org.vesalius.vna.server.dimse.DicomProperties;
import org.vesalius.vna.server.metrics.TimedQueryPort;

@Configuration(proxyBeanMethods = false)
class DicomWebConfiguration {

    @Bean
    StowRs stowRs(IngestPort ingest, DicomProperties dicom) {
        return new StowRs(ingest, dicom.aeTitle());
    }

    @Bean
    QidoRs qidoRs(QueryPort queries, MeterRegistry registry, CallerScope caller) {
        // Narrowed to the token's patients (a referrer's, a SMART patient/ scope's), in the archive.
        return new QidoRs(new TimedQueryPort(PatientScopedPorts.queries(queries, caller), registry, "qido"));
    }
}
