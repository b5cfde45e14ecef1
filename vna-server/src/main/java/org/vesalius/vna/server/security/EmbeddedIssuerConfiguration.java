package org.vesalius.vna.server.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The embedded authorisation server ({@code vna.security.embedded-issuer.enabled}, on in
 * {@code ./vna start}): Spring Authorization Server with the clients and users of
 * {@link IssuerFile}, issuing JWTs as {@code vna.security.issuer-uri}, whose roles claim holds
 * the client's roles (client credentials) or the user's (authorization code + PKCE, after the
 * form login at {@code /login}). Its endpoints ({@code /oauth2/token}, {@code /oauth2/authorize},
 * {@code /oauth2/jwks}, {@code /.well-known/openid-configuration}, ...) have their own filter
 * chains, ahead of the archive's. The signing key is made at start: tokens do not outlive a
 * restart. A browser client (the OHIF Viewer) may run on another origin than the issuer's
 * ({@code localhost} vs {@code 127.0.0.1}, a viewer hosted elsewhere): the endpoints answer CORS
 * for the origins of the registered redirect URIs, and no other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "vna.security.embedded-issuer.enabled", havingValue = "true")
class EmbeddedIssuerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedIssuerConfiguration.class);

    @Bean
    IssuerFile issuerFile(SecurityProperties properties) {
        IssuerFile file = IssuerFile.read(properties.embeddedIssuer().file(), properties.embeddedIssuer().accessTokenTtl());
        LOG.info("embedded issuer {}: {} clients, {} users from {}", properties.issuerUri(), file.clients().size(),
                file.users().size(), properties.embeddedIssuer().file());
        return file;
    }

    @Bean
    RegisteredClientRepository registeredClients(IssuerFile file) {
        return new InMemoryRegisteredClientRepository(file.clients());
    }

    @Bean
    UserDetailsService issuerUsers(IssuerFile file) {
        return new InMemoryUserDetailsManager(file.users());
    }

    @Bean
    JWKSource<SecurityContext> issuerKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings issuerSettings(SecurityProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuerUri().toString()).build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesInAccessTokens(SecurityProperties properties, IssuerFile file) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            boolean clientCredentials = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
            // The patient context (SMART's "patient"): the client's for client credentials, the user's for the code flow.
            String patient = clientCredentials ? IssuerFile.patient(context.getRegisteredClient())
                    : file.userPatients().get(context.getPrincipal().getName());
            if (patient != null) {
                context.getClaims().claim(TokenAccess.PATIENT_CLAIM, patient);
            }
            List<String> roles = clientCredentials
                    ? IssuerFile.roleNames(context.getRegisteredClient())
                    : context.getPrincipal().getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .filter(a -> a.startsWith(Role.AUTHORITY_PREFIX))
                            .map(a -> a.substring(Role.AUTHORITY_PREFIX.length()))
                            .toList();
            context.getClaims().claim(properties.rolesClaim(), roles);
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain issuerEndpoints(HttpSecurity http, ProblemResponses problems, IssuerFile file, AuthorizationServerSettings settings)
            throws Exception {
        OAuth2AuthorizationServerConfigurer issuer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(IssuerRequests.of(settings, issuer.getEndpointsMatcher()))
                .with(issuer, server -> server.oidc(Customizer.withDefaults())
                        .tokenEndpoint(token -> token.accessTokenResponseHandler(launchContextInTokenResponses())))
                // Not a bean: the archive's chain keeps its own CORS (vna.web.cors).
                .cors(cors -> cors.configurationSource(redirectOrigins(file)))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(failures -> failures
                        // A browser (the viewer's login) goes to the login form; anything else gets the problem.
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML))
                        .defaultAuthenticationEntryPointFor(problems, request -> true));
        return http.build();
    }

    /**
     * Token responses name the patient context beside the token, as SMART's launch context
     * ({@code "patient": "<id>"}): the {@code patient} claim the token was issued with.
     */
    private static OAuth2AccessTokenResponseAuthenticationSuccessHandler launchContextInTokenResponses() {
        OAuth2AccessTokenResponseAuthenticationSuccessHandler handler = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        handler.setAccessTokenResponseCustomizer(context -> {
            OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
            String patient;
            try {
                Object claim = JWTParser.parse(issued.getAccessToken().getTokenValue()).getJWTClaimsSet().getClaim(TokenAccess.PATIENT_CLAIM);
                patient = claim instanceof String p ? p : null;
            } catch (ParseException e) {
                return;  // not one of ours: nothing to add
            }
            if (patient != null) {
                Map<String, Object> parameters = new HashMap<>(issued.getAdditionalParameters());
                parameters.put(TokenAccess.PATIENT_CLAIM, patient);
                context.getAccessTokenResponse().additionalParameters(parameters);
            }
        });
        return handler;
    }

    @Bean
    @Order(2)
    SecurityFilterChain issuerLogin(HttpSecurity http) throws Exception {
        // The form's stylesheet is Spring Security's too (DefaultResourcesFilter of this chain).
        http.securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/login"),
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/default-ui.css")))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    /**
     * CORS for the browser clients' origins, those of their redirect URIs: a viewer fetches the
     * discovery document and exchanges its code (PKCE) from its own origin.
     */
    static UrlBasedCorsConfigurationSource redirectOrigins(IssuerFile file) {
        List<String> origins = file.clients().stream()
                .flatMap(client -> client.getRedirectUris().stream())
                .map(URI::create)
                .map(uri -> uri.getScheme() + "://" + uri.getRawAuthority())
                .distinct()
                .toList();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
