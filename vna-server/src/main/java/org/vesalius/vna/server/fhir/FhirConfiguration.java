package org.vesalius.vna.server.fhir;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.fhir.VesaliusFhirServer;
import org.vesalius.vna.server.metrics.TimedQueryPort;

/** The FHIR facade as a servlet at {@code /fhir/*}, reading through the one {@link QueryPort}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vna.fhir.enabled", havingValue = "true", matchIfMissing = true)
class FhirConfiguration {

    @Bean
    ServletRegistrationBean<VesaliusFhirServer> fhirServlet(QueryPort queries, FhirProperties properties, MeterRegistry registry) {
        ServletRegistrationBean<VesaliusFhirServer> registration =
                new ServletRegistrationBean<>(new VesaliusFhirServer(new TimedQueryPort(queries, registry, "fhir"), properties.toSettings()), "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
