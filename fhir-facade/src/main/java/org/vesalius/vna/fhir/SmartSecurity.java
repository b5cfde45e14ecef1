package org.vesalius.vna.fhir;

import java.net.URI;

/**
 * How callers authenticate, for the CapabilityStatement's {@code rest.security}: SMART on FHIR
 * (OAuth 2.0 bearer tokens with SMART scopes), and the authorisation server's endpoints when the
 * archive knows them (its embedded issuer), as the {@code oauth-uris} extension.
 *
 * @param authorize the authorization endpoint, or null
 * @param token     the token endpoint, or null
 */
public record SmartSecurity(URI authorize, URI token) {
}
