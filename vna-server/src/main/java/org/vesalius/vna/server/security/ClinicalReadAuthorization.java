package org.vesalius.vna.server.security;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The check a clinical read adds to its roles ({@link AccessRule#read()}): the token's SMART
 * scopes grant the request, and a patient-scoped token names its patient ({@link TokenAccess}).
 * Which studies it then sees is the archive's business ({@code PatientScopedPorts}).
 */
final class ClinicalReadAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private final ClinicalRead read;

    ClinicalReadAuthorization(ClinicalRead read) {
        this.read = read;
    }

    @Override
    @SuppressWarnings("deprecation")  // check is what AuthorizationManager implementations override in Spring Security 6
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        if (!(authentication.get() instanceof TokenAuthentication token)) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(token.access().permits(read.target(context.getRequest())));
    }
}
