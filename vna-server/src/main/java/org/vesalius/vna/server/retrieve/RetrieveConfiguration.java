package org.vesalius.vna.server.retrieve;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.dicom.codec.DecodeLimits;
import org.vesalius.vna.archive.access.PatientScopedPorts;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.dicomweb.WadoRs;
import org.vesalius.vna.archive.dicomweb.WadoUri;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.query.PatientStudies;
import org.vesalius.vna.archive.render.DecodeBudget;
import org.vesalius.vna.archive.render.RenderService;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.retrieve.RetrieveSettings;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.server.dimse.DicomProperties;

/** The one {@link RetrieveService} every retrieve edge uses, and WADO-RS / WADO-URI on top. */
@Configuration(proxyBeanMethods = false)
class RetrieveConfiguration {

    @Bean(destroyMethod = "close")
    RetrieveService retrieveService(BlobStore blobs, Journal journal, RetrieveProperties p, DicomProperties dicom,
            IngestSettings ingest, QueryPort queries) {
        return new RetrieveService(blobs, journal,
                new RetrieveSettings(dicom.aeTitle(), ingest.maxHeaderBytes(), p.metadataCache(), p.parallelism(),
                        new DecodeLimits(p.maxDecodedFrameSize().toBytes())),
                new PatientStudies(queries));
    }

    @Bean
    RenderService renderService(RetrieveService retrieve, RetrieveProperties p) {
        long budget = p.decodeBudget().toBytes();
        return new RenderService(retrieve, budget == 0 ? DecodeBudget.quarterOfHeap() : new DecodeBudget(budget));
    }

    @Bean
    WadoRs wadoRs(RetrieveService retrieve, RenderService render, RetrieveProperties p, QueryPort queries, CallerScope caller) {
        // Within the token's patients (a referrer's, a SMART patient/ scope's): a study of another reads as not held.
        return new WadoRs(PatientScopedPorts.retrieve(retrieve, queries, caller), PatientScopedPorts.render(render, queries, caller),
                p.pixelMaxAge(), retrieve.settings().decodeLimits());
    }

    @Bean
    WadoUri wadoUri(RetrieveService retrieve, RenderService render, QueryPort queries, CallerScope caller) {
        return new WadoUri(PatientScopedPorts.retrieve(retrieve, queries, caller), PatientScopedPorts.render(render, queries, caller));
    }
}
