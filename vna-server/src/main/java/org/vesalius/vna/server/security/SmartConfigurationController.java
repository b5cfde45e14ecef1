package org.vesalius.vna.server.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMART App Launch 2.x discovery, {@code GET /.well-known/smart-configuration} (open): the
 * issuer, the embedded issuer's endpoints when it runs (an external provider publishes its own in
 * its discovery document), the scopes and capabilities the archive honours. Without tokens
 * required ({@code vna.security.enabled=false}) a 404 problem: there is no SMART authorisation.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SmartConfigurationController {

    /** Scopes a SMART app may ask for: the archive's resources, v1 and v2 spellings. */
    static final List<String> SCOPES = List.of("openid", "profile", "launch/patient",
            "patient/ImagingStudy.rs", "patient/Patient.rs", "patient/Endpoint.rs", "patient/*.rs", "patient/*.read",
            "user/ImagingStudy.rs", "user/Patient.rs", "user/Endpoint.rs", "user/*.rs", "user/*.read",
            "system/ImagingStudy.rs", "system/Patient.rs", "system/Endpoint.rs", "system/*.rs", "system/*.read");

    private final Map<String, Object> document;

    SmartConfigurationController(SecurityProperties properties) {
        if (!properties.enabled()) {
            this.document = null;
            return;
        }
        SmartDiscovery.Endpoints endpoints = SmartDiscovery.Endpoints.of(properties);
        boolean embedded = properties.embeddedIssuer().enabled() && endpoints.authorize() != null;
        Map<String, Object> d = new LinkedHashMap<>();
        if (endpoints.issuer() != null) {
            d.put("issuer", endpoints.issuer().toString());
        }
        if (endpoints.jwks() != null) {
            d.put("jwks_uri", endpoints.jwks().toString());
        }
        if (embedded) {
            d.put("authorization_endpoint", endpoints.authorize().toString());
            d.put("token_endpoint", endpoints.token().toString());
            d.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
            d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
            d.put("response_types_supported", List.of("code"));
            d.put("code_challenge_methods_supported", List.of("S256"));
        }
        d.put("scopes_supported", SCOPES);
        List<String> capabilities = new ArrayList<>();
        if (embedded) {
            capabilities.addAll(List.of("launch-standalone", "client-public", "client-confidential-symmetric",
                    "context-standalone-patient", "sso-openid-connect"));
        }
        capabilities.addAll(List.of("permission-patient", "permission-user", "permission-v1", "permission-v2"));
        d.put("capabilities", capabilities);
        this.document = Collections.unmodifiableMap(d);
    }

    @GetMapping(path = "/.well-known/smart-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> configuration() {
        if (document == null) {
            return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "tokens are not required here (vna.security.enabled=false): no SMART authorisation")).build();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(document);
    }
}
