package org.vesalius.vna.server.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.fhir.SmartSecurity;

/**
 * The {@link CallerScope} the patient-scoped ports ask: with tokens required, the patients of the
 * request's token ({@link TokenCallerScope}); without, every caller reads everything (as before
 * tokens: {@code vna.security.enabled=false}); and, with tokens, the FHIR facade's security
 * section.
 */
@Configuration(proxyBeanMethods = false)
class PatientScopeConfiguration {

    @Bean
    CallerScope callerScope(SecurityProperties properties, QueryPort queries) {
        return properties.enabled() ? new TokenCallerScope(properties.rolesClaim(), queries) : CallerScope.UNRESTRICTED;
    }

    /** What the FHIR CapabilityStatement says of security: SMART on FHIR with tokens required, the embedded issuer's endpoints. */
    @Bean
    @ConditionalOnProperty(name = "vna.security.enabled", havingValue = "true")
    SmartSecurity smartSecurity(SecurityProperties properties) {
        SmartConfigurationController.Endpoints endpoints = SmartConfigurationController.Endpoints.of(properties);
        return new SmartSecurity(endpoints.authorize(), endpoints.token());
    }
}
