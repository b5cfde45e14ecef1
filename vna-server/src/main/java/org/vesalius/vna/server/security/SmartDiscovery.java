package org.vesalius.vna.server.security;

import java.net.URI;
import java.util.Optional;
import org.vesalius.vna.fhir.SmartSecurity;

/**
 * What the archive tells SMART apps about its authorisation server: the issuer and, when the
 * embedded issuer runs, its endpoints (Spring Authorization Server's default paths). Read by
 * {@code /.well-known/smart-configuration} and the FHIR CapabilityStatement. Decided by
 * {@link SecurityProperties#enabled()} at run time, so it follows that property's default.
 */
public final class SmartDiscovery {

    /** The issuer's endpoints; null where the archive does not know them (a hospital provider publishes its own). */
    record Endpoints(URI issuer, URI authorize, URI token, URI jwks) {

        static Endpoints of(SecurityProperties properties) {
            URI issuer = properties.issuerUri();
            if (issuer == null || !properties.embeddedIssuer().enabled()) {
                return new Endpoints(issuer, null, null, properties.jwkSetUri());
            }
            String base = issuer.toString().replaceAll("/+$", "");
            return new Endpoints(issuer, URI.create(base + "/oauth2/authorize"), URI.create(base + "/oauth2/token"),
                    URI.create(base + "/oauth2/jwks"));
        }
    }

    private SmartDiscovery() {
    }

    /** The FHIR CapabilityStatement's security section: SMART on FHIR when tokens are required, else none. */
    public static Optional<SmartSecurity> capabilityStatementSecurity(SecurityProperties properties) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        Endpoints endpoints = Endpoints.of(properties);
        return Optional.of(new SmartSecurity(endpoints.authorize(), endpoints.token()));
    }
}
