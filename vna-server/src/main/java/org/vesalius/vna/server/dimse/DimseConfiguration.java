package org.vesalius.vna.server.dimse;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.vesalius.dicom.net.ul.TlsOptions;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.dimse.CFindScp;
import org.vesalius.vna.archive.dimse.CStoreScp;
import org.vesalius.vna.archive.dimse.RetrieveScp;
import org.vesalius.vna.archive.dimse.WorklistScp;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.server.metrics.TimedQueryPort;

/** The DICOM listener; not in command mode ({@code vna reindex}, {@code vna verify}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vna.dicom.enabled", havingValue = "true", matchIfMissing = true)
@Profile("!command")
class DimseConfiguration {

    @Bean
    CStoreScp cStoreScp(IngestPort ingest) {
        return new CStoreScp(ingest);
    }

    @Bean
    CFindScp cFindScp(QueryPort queries, MeterRegistry registry, AuditPort audit) {
        return new CFindScp(new TimedQueryPort(queries, registry, "cfind"), audit);
    }

    @Bean
    WorklistScp worklistScp(WorklistPort worklist, AuditPort audit) {
        return new WorklistScp(worklist, audit);
    }

    @Bean
    RetrieveScp retrieveScp(RetrieveService retrieve, AuditPort audit) {
        return new RetrieveScp(retrieve, audit);
    }

    @Bean
    DicomListener dicomListener(DicomProperties properties, CStoreScp cStoreScp, CFindScp cFindScp, WorklistScp worklistScp,
            RetrieveScp retrieveScp,
            @Value("${vna.security.insecure:false}") boolean insecure, ObjectProvider<DimseRefusalListener> refusalListeners,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<UserDetailsService> users, ObjectProvider<JwtDecoder> jwtDecoder,
            @Value("${vna.security.roles-claim:roles}") String rolesClaim) {
        DicomTlsProperties tls = properties.tls();
        TlsOptions tlsOptions = null;
        if (tls.enabled()) {
            SslBundle bundle = sslBundles.getObject().getBundle(tls.bundle());
            tlsOptions = TlsOptions.of(bundle.createSslContext()).withClientAuth(tls.clientAuth());
        }
        List<DimseRefusalListener> listeners = refusalListeners.orderedStream().toList();
        // Users and decoder exist with Spring Security in the path (tokens required, or the embedded issuer).
        DimseUserVerifier verifier = DimseUserVerifier.of(properties, users.getIfUnique(), jwtDecoder.getIfUnique(), rolesClaim,
                new RefusalReport(listeners));
        // Installed in every mode: with none it answers no positive response, which would claim a check.
        return new DicomListener(properties, cStoreScp, cFindScp, worklistScp, retrieveScp, insecure, listeners, tlsOptions, verifier);
    }
}
