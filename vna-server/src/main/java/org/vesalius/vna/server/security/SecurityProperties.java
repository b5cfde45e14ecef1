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
 * admits ({@link AccessTable}); off by default for now (tests and the viewer do not send tokens
 * yet).
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
        @DefaultValue("false") boolean enabled,
        URI issuerUri,
        URI jwkSetUri,
        String audience,
        @NotBlank @DefaultValue("roles") String rolesClaim,
        @NotNull @Valid @DefaultValue EmbeddedIssuer embeddedIssuer) {

    public SecurityProperties {
        if ((enabled || embeddedIssuer != null && embeddedIssuer.enabled()) && issuerUri == null) {
            throw new IllegalArgumentException("vna.security.issuer-uri is required with vna.security.enabled=true "
                    + "or vna.security.embedded-issuer.enabled=true");
        }
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
