package org.vesalius.vna.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;

/**
 * HTTP requests the access rules refused (Spring Security's authorization denied events) as
 * Security Alert audit records: without a token (answered 401), or with a token whose roles do
 * not admit the endpoint (403). A token that was itself refused is a failed login, recorded by
 * {@link AuthenticationAudit}. At most {@code vna.audit.token-refusals-per-minute} records a
 * minute ({@link RefusalThrottle}): what is held back is counted in the next record. The embedded
 * issuer's own endpoints are left out: sending an anonymous browser from {@code /oauth2/authorize}
 * to the login form is how every login starts.
 */
final class AccessDeniedAudit {

    private final AuditPort audit;
    private final Clock clock;
    private final RefusalThrottle refusals;

    AccessDeniedAudit(AuditPort audit, Clock clock, RefusalThrottle refusals) {
        this.audit = audit;
        this.clock = clock;
        this.refusals = refusals;
    }

    @EventListener
    public void denied(AuthorizationDeniedEvent<?> event) {
        if (!(event.getSource() instanceof HttpServletRequest request) || issuerEndpoint(request.getRequestURI())) {
            return;
        }
        RefusalThrottle.Decision decision = refusals.next();
        if (!decision.record()) {
            return;
        }
        Authentication caller = event.getAuthentication().get();
        boolean anonymous = caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated();
        String detail = (anonymous ? "no bearer token" : "the token's roles do not admit it") + ": " + request.getMethod() + " "
                + request.getRequestURI();
        if (decision.heldBack() > 0) {
            detail += " (" + decision.heldBack() + " more refused since " + decision.heldBackSince() + " not recorded one by one)";
        }
        audit.record(new AuditEvent(AuditEvent.Action.SECURITY_ALERT, "HTTP",
                new AuditEvent.Actor(anonymous ? null : caller.getName(), null, request.getRemoteAddr()), List.of(), null, null,
                AuditEvent.Outcome.MINOR_FAILURE, detail, clock.instant()));
    }

    private static boolean issuerEndpoint(String path) {
        return path.startsWith("/oauth2/") || path.equals("/login") || path.startsWith("/.well-known/") || path.equals("/userinfo")
                || path.startsWith("/connect/");
    }
}
