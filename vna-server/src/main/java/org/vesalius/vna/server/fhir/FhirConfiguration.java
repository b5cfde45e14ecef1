package org.vesalius.vna.server.fhir;

import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.access.PatientScopedPorts;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.audit.AuditSearchPort;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.update.PatientLinks;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.fhir.VesaliusFhirServer;
import org.vesalius.vna.server.metrics.TimedQueryPort;
import org.vesalius.vna.server.security.SecurityProperties;
import org.vesalius.vna.server.security.SmartDiscovery;
import org.vesalius.vna.server.web.PublicUrl;

/** The FHIR facade as a servlet at {@code /fhir/*}, reading through the one {@link QueryPort}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vna.fhir.enabled", havingValue = "true", matchIfMissing = true)
class FhirConfiguration {

    @Bean
    ServletRegistrationBean<VesaliusFhirServer> fhirServlet(QueryPort queries, WorklistPort worklist, PatientLinks links,
            FhirProperties properties,
            MeterRegistry registry,
            PublicUrl publicUrl, ObjectProvider<AuditSearchPort> auditTrail, CallerScope caller, SecurityProperties security) {
        // Narrowed to the token's patients (a referrer's, a SMART patient/ scope's), in the archive;
        // AuditEvent (auditors and admins only: AccessTable) from the audit trail's queryable copy.
        VesaliusFhirServer server = new VesaliusFhirServer(new TimedQueryPort(PatientScopedPorts.queries(queries, caller), registry, "fhir"),
                PatientScopedPorts.worklist(worklist, caller), PatientScopedPorts.links(links, caller), properties.toSettings(), auditTrail.getIfAvailable(), SmartDiscovery.capabilityStatementSecurity(security).orElse(null));
        // Links and Endpoints from vna.http.public-url or the connection's address, never the Host header.
        IServerAddressStrategy base = (context, request) -> publicUrl.base(request) + request.getServletPath();
        server.setServerAddressStrategy(base);
        ServletRegistrationBean<VesaliusFhirServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
