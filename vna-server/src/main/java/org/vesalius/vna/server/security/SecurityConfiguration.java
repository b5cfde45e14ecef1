package org.vesalius.vna.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The archive's HTTP endpoints as an OAuth 2.0 resource server: with {@code vna.security.enabled}
 * every request is checked against the {@link AccessTable} with the roles of its bearer token
 * (a JWT of {@code vna.security.issuer-uri}, verified by Spring Security); that is the default.
 * Turned off ({@code vna.security.enabled=false}), and without the embedded issuer, Spring
 * Security is not in the request path at all (Spring Boot's
 * own security auto-configuration is excluded in {@code VnaServerApplication}: it would lock
 * every endpoint behind a generated password).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(SecurityConfiguration.AnySecurity.class)
@EnableWebSecurity
class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** Verified tokens kept in memory until they expire ({@link VerifiedTokens}): a few MB at most. */
    static final int VERIFIED_TOKENS = 1_000;

    @Bean
    ProblemResponses securityProblems(ObjectMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    WebSecurityCustomizer rejectedRequestsAsProblems(ProblemResponses problems) {
        return web -> web.httpFirewall(RequestFirewall.strict()).requestRejectedHandler(problems);
    }

    /**
     * No observation (span and timer) per security filter of every request: they were a good part of
     * what tokens cost per request ({@code bench/security}); requests are timed by Spring MVC's own
     * metrics, and logins and refusals are in the audit trail.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The archive's decoder with tokens required; the embedded issuer's own ({@code /userinfo}) in any case. */
    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<JWKSource<SecurityContext>> embeddedKeys) {
        String issuer = properties.requireIssuer().toString();
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(JwtValidators.createDefaultWithIssuer(issuer));
        if (properties.audience() != null && !properties.audience().isBlank()) {
            String audience = properties.audience();
            checks.add(new JwtClaimValidator<Collection<String>>("aud", aud -> aud != null && aud.contains(audience)));
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(checks);
        JWKSource<SecurityContext> keys = properties.embeddedIssuer().enabled() ? embeddedKeys.getIfAvailable() : null;
        if (keys != null) {
            NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
            decoder.setJwtValidator(validator);
            LOG.info("HTTP requires bearer tokens of the embedded issuer {}", issuer);
            return new VerifiedTokens(decoder, VERIFIED_TOKENS, Clock.systemUTC());
        }
        LOG.info("HTTP requires bearer tokens of {}", issuer);
        // Built at the first request: the identity provider may be down while the archive starts.
        JwtDecoder lazy = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = properties.jwkSetUri() != null
                    ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build()
                    : JwtDecoders.fromIssuerLocation(issuer);
            decoder.setJwtValidator(validator);
            return decoder;
        });
        return new VerifiedTokens(token -> {
            try {
                return lazy.decode(token);
            } catch (JwtDecoderInitializationException unreachable) {
                // Not yet built (the issuer does not answer): a service failure (503), retried at the next request.
                throw new JwtException(unreachable.getMessage(), unreachable);
            }
        }, VERIFIED_TOKENS, Clock.systemUTC());
    }

    @Bean
    @Order(10)
    @ConditionalOnProperty(name = "vna.security.enabled", havingValue = "true", matchIfMissing = true)
    SecurityFilterChain archiveSecurity(HttpSecurity http, ProblemResponses problems, SecurityProperties properties) throws Exception {
        http
                // Bearer tokens only, never cookies: a browser sends nothing on its own that a forged request could use.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // Nothing to log out of without a session (the issuer's own logout is in its chain).
                .logout(logout -> logout.disable())
                // CORS is answered before this chain, by vna.web.cors's own filter (web.CorsConfiguration).
                .cors(cors -> cors.disable())
                .authorizeHttpRequests(requests -> {
                    // The request was authorised before the container forwarded it (viewer index.html) or reported its error.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD, DispatcherType.ASYNC).permitAll();
                    for (AccessRule rule : AccessTable.RULES) {
                        if (rule.open()) {
                            requests.requestMatchers(rule.matcher()).permitAll();
                        } else if (rule.read() != null) {
                            requests.requestMatchers(rule.matcher()).access(AuthorizationManagers.allOf(
                                    AuthorityAuthorizationManager.hasAnyAuthority(rule.authorities()),
                                    new ClinicalReadAuthorization(rule.read())));
                        } else {
                            requests.requestMatchers(rule.matcher()).hasAnyAuthority(rule.authorities());
                        }
                    }
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(TokenAuthentication.converter(properties.rolesClaim())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // A token that could not be checked (issuer unreachable) is a 503, not a 500 with a stack trace.
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(failures -> failures.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    /** Spring Security is in the request path when tokens are required or the embedded issuer runs. */
    static final class AnySecurity extends AnyNestedCondition {

        AnySecurity() {
            super(ConfigurationPhase.PARSE_CONFIGURATION);
        }

        @ConditionalOnProperty(name = "vna.security.enabled", havingValue = "true", matchIfMissing = true)
        static final class TokensRequired {
        }

        @ConditionalOnProperty(name = "vna.security.embedded-issuer.enabled", havingValue = "true")
        static final class EmbeddedIssuer {
        }
    }
}
