package org.vesalius.vna.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;

/**
 * Logins as User Authentication audit records, from Spring Security's authentication events: a
 * user at the embedded issuer's form login and a client at its token endpoint (success and
 * failure), and a bearer token the resource server refused (failure, at most
 * {@code vna.audit.token-refusals-per-minute} records a minute, {@link RefusalThrottle}). A bearer
 * token accepted is no login (every request carries one) and is not recorded here; the access it
 * is used for is. The record names who tried (the user name or client id as sent, never a
 * password or token) and from where.
 */
final class AuthenticationAudit {

    private final AuditPort audit;
    private final Clock clock;
    private final RefusalThrottle refusals;

    AuthenticationAudit(AuditPort audit, Clock clock, RefusalThrottle refusals) {
        this.audit = audit;
        this.clock = clock;
        this.refusals = refusals;
    }

    @EventListener
    public void success(AuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        String protocol = protocol(authentication);
        if (protocol != null) {
            record(protocol, authentication.getName(), AuditEvent.Outcome.SUCCESS, null);
        }
    }

    @EventListener
    public void failure(AbstractAuthenticationFailureEvent event) {
        if (event.getException() instanceof ProviderNotFoundException) {
            return; // a manager without the provider (the parent of the one that has it): that one reports the outcome
        }
        Authentication authentication = event.getAuthentication();
        if (authentication instanceof BearerTokenAuthenticationToken) {
            RefusalThrottle.Decision decision = refusals.next();
            if (!decision.record()) {
                return;
            }
            String detail = "bearer token refused: " + event.getException().getMessage();
            if (decision.heldBack() > 0) {
                detail += " (" + decision.heldBack() + " more refused since " + decision.heldBackSince() + " not recorded one by one)";
            }
            record("HTTP bearer token", null, AuditEvent.Outcome.MINOR_FAILURE, detail);
            return;
        }
        String protocol = protocol(authentication);
        record(protocol == null ? "login" : protocol, authentication == null ? null : authentication.getName(),
                AuditEvent.Outcome.MINOR_FAILURE, "login refused: " + event.getException().getMessage());
    }

    /** The kind of login, or null for an authentication that is none (an accepted bearer token, a grant). */
    private static String protocol(Authentication authentication) {
        if (authentication instanceof UsernamePasswordAuthenticationToken) {
            return "form login";
        }
        if (authentication instanceof OAuth2ClientAuthenticationToken) {
            return "OAuth2 client authentication";
        }
        return null;
    }

    private void record(String protocol, String user, AuditEvent.Outcome outcome, String detail) {
        String address = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            address = request.getRemoteAddr();
        }
        audit.record(new AuditEvent(AuditEvent.Action.USER_AUTHENTICATION, protocol, new AuditEvent.Actor(user, null, address), List.of(),
                null, null, outcome, detail, clock.instant()));
    }
}
