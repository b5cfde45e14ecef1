package org.vesalius.vna.server.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.access.PatientScope;

/**
 * The patients the bearer token of the request on this thread may read ({@link TokenAccess}),
 * for the archive's patient-scoped ports. Spring Security carries the request's authentication
 * to the threads that stream an answer (asynchronous requests). No token: nobody.
 */
final class TokenCallerScope implements CallerScope {

    private final String rolesClaim;

    TokenCallerScope(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public PatientScope current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return TokenAccess.of(token.getToken(), rolesClaim).patientScope();
        }
        return PatientScope.NONE;
    }
}
