package org.vesalius.vna.server.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.query.QueryPort;

/**
 * The {@link CallerScope} the patient-scoped ports ask: with tokens required, the patients of the
 * request's token ({@link TokenCallerScope}); without, every caller reads everything (as before
 * tokens: {@code vna.security.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
class PatientScopeConfiguration {

    @Bean
    CallerScope callerScope(SecurityProperties properties, QueryPort queries) {
        return properties.enabled() ? new TokenCallerScope(queries) : CallerScope.UNRESTRICTED;
    }
}
