package org.vesalius.vna.server.audit;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchAuditIndex;
import org.vesalius.vna.server.index.ElasticsearchProperties;
import org.springframework.core.env.Environment;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.audit.AtnaAuditTrail;
import org.vesalius.vna.audit.AuditSettings;
import org.vesalius.vna.server.dimse.DicomProperties;
import org.vesalius.vna.server.dimse.DimseRefusalListener;
import org.vesalius.vna.server.maintenance.MaintenanceCommands;

/**
 * The audit trail: the {@link AuditPort} every edge records to ({@link AtnaAuditTrail} when
 * {@code vna.audit.enabled}, else {@link AuditPort#NONE}), and the filters that audit DICOMweb
 * and FHIR reads. C-FIND, C-MOVE and C-GET are audited by their SCPs (the DIMSE wiring passes the port). STOW-RS and C-STORE are audited at the ingest port ({@link AuditingIngestPort}, put
 * around it by the ingest wiring), patient updates at the update port ({@link AuditingUpdatePort}),
 * logins and refused bearer tokens by {@link AuthenticationAudit}. With {@code vna.audit.index.enabled}
 * the trail is copied into Elasticsearch ({@link ElasticsearchAuditIndex}), which {@code /api/audit}
 * ({@link AuditController}) and FHIR AuditEvent search.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    /** The queryable copy of the trail, in the archive's Elasticsearch (connects at first use). */
    @Bean(destroyMethod = "close")
    ElasticsearchAuditIndex auditIndex(ElasticsearchProperties elasticsearch) {
        return new ElasticsearchAuditIndex(elasticsearch.toConfig());
    }

    @Bean
    AuthenticationAudit authenticationAudit(AuditPort audit, Clock clock, AuditProperties p) {
        return new AuthenticationAudit(audit, clock, new RefusalThrottle(p.tokenRefusalsPerMinute(), clock));
    }

    /**
     * Spring Security's publisher of authentication events, with every failure published (its
     * default publishes none for the OAuth2 failures of the token endpoint and the resource server).
     */
    @Bean
    DefaultAuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
        events.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return events;
    }

    @Bean
    AuditPort auditPort(AuditProperties p, DicomProperties dicom, ObjectProvider<SslBundles> bundles, Environment environment,
            ElasticsearchAuditIndex auditIndex) throws IOException, NoSuchAlgorithmException {
        // A maintenance command (reindex, verify) serves no one, and the queue belongs to the server beside it.
        if (!p.enabled() || environment.matchesProfiles(MaintenanceCommands.PROFILE)) {
            return AuditPort.NONE;
        }
        AuditSettings.Collector collector = null;
        if (!p.collector().host().isBlank()) {
            SSLSocketFactory tls = null;
            if (p.collector().transport() == AuditSettings.Transport.TLS) {
                tls = p.collector().sslBundle().isBlank() ? SSLContext.getDefault().getSocketFactory()
                        : bundles.getObject().getBundle(p.collector().sslBundle()).createSslContext().getSocketFactory();
            }
            collector = new AuditSettings.Collector(p.collector().host(), p.collector().port(), p.collector().transport(), tls);
        }
        String sourceId = p.sourceId().isBlank() ? dicom.aeTitle() : p.sourceId();
        return AtnaAuditTrail.start(new AuditSettings(sourceId, p.enterpriseSiteId().isBlank() ? null : p.enterpriseSiteId(),
                dicom.aeTitle(), p.queuePath(), collector, p.retryInterval(), p.index().enabled() ? auditIndex : null,
                p.index().retention()));
    }

    /** Refusals of the DIMSE access policy as Security Alerts. */
    @Bean
    DimseRefusalListener dimseRefusalAudit(AuditPort audit, Clock clock) {
        return new DimseRefusalAudit(audit, clock);
    }

    @Bean
    FilterRegistrationBean<DicomWebAuditFilter> dicomWebAuditFilter(AuditPort audit) {
        FilterRegistrationBean<DicomWebAuditFilter> registration = new FilterRegistrationBean<>(new DicomWebAuditFilter(audit));
        registration.addUrlPatterns("/dicomweb/*", "/wado");
        return registration;
    }

    @Bean
    FilterRegistrationBean<FhirAuditFilter> fhirAuditFilter(AuditPort audit) {
        FilterRegistrationBean<FhirAuditFilter> registration = new FilterRegistrationBean<>(new FhirAuditFilter(audit));
        registration.addUrlPatterns("/fhir/*");
        return registration;
    }
}
