package org.vesalius.vna.server.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vna.security.*}: who may call the HTTP endpoints. With {@code enabled} every request
 * needs a bearer token (JWT) of {@code issuer-uri} whose roles claim names a role the endpoint
 * admits ({@link AccessTable}). On by default: a server with no identity provider configured
 * does not start ({@link #requireIssuer()}) rather than serve patient data to anyone who asks.
 *
 * @param enabled        require tokens on HTTP (the endpoints of {@link AccessTable} that are open stay open)
 * @param issuerUri      the issuer whose tokens are accepted (the {@code iss} claim); its keys come
 *                       from its discovery document, fetched at the first request, unless
 *                       {@code jwk-set-uri} names them or the issuer is the embedded one
 * @param jwkSetUri      the issuer's key set, when it publishes no discovery document
 * @param audience       when set, tokens must name it in {@code aud}
 * @param rolesClaim     the top-level claim holding the caller's roles (a list or a space-separated string)
 * @param embeddedIssuer the authorisation server inside the archive ({@code ./vna start})
 */
@ConfigurationProperties("vna.security")
@Validated
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        URI issuerUri,
        URI jwkSetUri,
        String audience,
        @NotBlank @DefaultValue("roles") String rolesClaim,
        @NotNull @Valid @DefaultValue EmbeddedIssuer embeddedIssuer) {

    public SecurityProperties {
        if (embeddedIssuer != null && embeddedIssuer.enabled() && issuerUri == null) {
            throw new IllegalArgumentException("vna.security.issuer-uri is required with vna.security.embedded-issuer.enabled=true "
                    + "(the address clients reach this server at, e.g. http://127.0.0.1:8080)");
        }
    }

    /**
     * The issuer whose tokens the HTTP endpoints accept. Checked when the web server is wired, not
     * when the properties are bound: the maintenance commands ({@code vna reindex}, {@code vna
     * verify}) serve no HTTP and need no identity provider.
     *
     * @throws IllegalStateException when tokens are required and no issuer is named, saying how to
     *                               name one (or, deliberately, to serve without tokens)
     */
    public URI requireIssuer() {
        if (issuerUri == null) {
            throw new IllegalStateException("HTTP requires bearer tokens (vna.security.enabled=true, the default) but no identity "
                    + "provider is configured: set vna.security.issuer-uri to the hospital's (e.g. a Keycloak realm), "
                    + "or run the embedded one (vna.security.embedded-issuer.enabled=true with vna.security.embedded-issuer.file "
                    + "and vna.security.issuer-uri=<this server's address>; ./vna start does this), or, on a closed test "
                    + "machine only, set vna.security.enabled=false");
        }
        return issuerUri;
    }

    /**
     * {@code vna.security.embedded-issuer.*}: Spring Authorization Server in this process, its
     * clients and users read from {@code file} (format: vna-server/README.md, "Security").
     *
     * @param enabled        serve {@code /oauth2/*}, {@code /login} and the discovery documents;
     *                       {@code issuer-uri} is then this server's own address
     * @param file           the clients and users
     * @param accessTokenTtl how long an access token it issues is valid
     */
    public record EmbeddedIssuer(
            @DefaultValue("false") boolean enabled,
            Path file,
            @NotNull @DefaultValue("15m") Duration accessTokenTtl) {

        public EmbeddedIssuer {
            if (enabled && file == null) {
                throw new IllegalArgumentException("vna.security.embedded-issuer.file is required with vna.security.embedded-issuer.enabled=true");
            }
        }
    }
}
