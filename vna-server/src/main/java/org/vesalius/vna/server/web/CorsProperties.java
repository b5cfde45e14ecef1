package org.vesalius.vna.server.web;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vna.web.cors.*}: cross-origin access for browser viewers served from another origin
 * (an OHIF Viewer on its own host). Off by default: the same origin needs none.
 *
 * @param allowedOrigins  origins allowed, e.g. {@code https://viewer.hospital.example}; patterns
 *                        such as {@code https://*.hospital.example}; {@code *} for any (only on
 *                        networks where that is acceptable: the responses hold patient data)
 * @param allowCredentials whether browsers may send cookies or HTTP authentication (not with {@code *})
 * @param maxAge          how long browsers may cache a preflight answer
 */
@ConfigurationProperties("vna.web.cors")
@Validated
public record CorsProperties(
        @NotNull @DefaultValue List<String> allowedOrigins,
        @DefaultValue("false") boolean allowCredentials,
        @NotNull @DefaultValue("1h") Duration maxAge) {

    public CorsProperties {
        if (allowCredentials && allowedOrigins != null && allowedOrigins.contains("*")) {
            throw new IllegalArgumentException("vna.web.cors.allow-credentials=true cannot be combined with allowed-origins=*");
        }
    }
}
