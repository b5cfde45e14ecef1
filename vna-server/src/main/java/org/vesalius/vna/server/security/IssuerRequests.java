package org.vesalius.vna.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The embedded issuer's endpoints matcher behind a quick look at the request's first path
 * segment: every request of the archive is first offered to the issuer's chain, whose matcher
 * tries a dozen patterns in turn; a request whose first segment is none of the issuer
 * endpoints' (from its settings: {@code oauth2}, {@code userinfo}, {@code connect}, and
 * {@code .well-known} for discovery) is no issuer request.
 */
final class IssuerRequests implements RequestMatcher {

    private final Set<String> firstSegments;
    private final RequestMatcher endpoints;

    private IssuerRequests(Set<String> firstSegments, RequestMatcher endpoints) {
        this.firstSegments = Set.copyOf(firstSegments);
        this.endpoints = endpoints;
    }

    /** @param endpoints the issuer's own matcher, of the endpoints in {@code settings} */
    static IssuerRequests of(AuthorizationServerSettings settings, RequestMatcher endpoints) {
        Set<String> segments = new HashSet<>();
        segments.add(".well-known");  // the discovery documents: their paths are the specifications', not settings
        for (Object value : settings.getSettings().values()) {
            if (value instanceof String path && path.startsWith("/")) {
                segments.add(firstSegment(path));
            }
        }
        return new IssuerRequests(segments, endpoints);
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return firstSegments.contains(firstSegment(path)) && endpoints.matches(request);
    }

    private static String firstSegment(String path) {
        int end = path.indexOf('/', 1);
        return path.substring(path.startsWith("/") ? 1 : 0, end < 0 ? path.length() : end);
    }
}
