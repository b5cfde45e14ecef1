package org.vesalius.vna.server.security;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One line of the {@link AccessTable}: requests with {@code method} (null: any) on one of
 * {@code paths} (Spring path patterns, {@code {var}} and {@code **}) are open to anyone, or need
 * a token with one of {@code roles}. A GET line covers HEAD too.
 *
 * @param endpoint what the line covers, for people and test reports
 * @param method   the HTTP method, null for any
 * @param paths    path patterns within the application
 * @param open     no token needed
 * @param roles    the roles admitted when not open
 * @param read     null, or the clinical read the requests are: the token's SMART scopes must then
 *                 grant it and a patient-scoped token must name its patient ({@link ClinicalReadAuthorization})
 */
record AccessRule(String endpoint, HttpMethod method, List<String> paths, boolean open, Set<Role> roles, ClinicalRead read) {

    AccessRule {
        paths = List.copyOf(paths);
        roles = Set.copyOf(roles);
        if (open != roles.isEmpty()) {
            throw new IllegalArgumentException(endpoint + ": a rule is either open or names roles");
        }
        if (open && read != null) {
            throw new IllegalArgumentException(endpoint + ": an open rule reads no patient data");
        }
    }

    static AccessRule open(String endpoint, HttpMethod method, String... paths) {
        return new AccessRule(endpoint, method, List.of(paths), true, Set.of(), null);
    }

    static AccessRule roles(String endpoint, HttpMethod method, Set<Role> roles, String... paths) {
        return new AccessRule(endpoint, method, List.of(paths), false, roles, null);
    }

    /** A clinical read: these roles, and what {@code read} needs of the token's scopes and patient. */
    static AccessRule reads(String endpoint, HttpMethod method, Set<Role> roles, ClinicalRead read, String... paths) {
        return new AccessRule(endpoint, method, List.of(paths), false, roles, read);
    }

    /** The requests this line covers, matched as Spring Security matches them. */
    RequestMatcher matcher() {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        // HEAD is answered wherever GET is (Spring MVC), so it has GET's rule.
        List<HttpMethod> methods = method == HttpMethod.GET ? List.of(HttpMethod.GET, HttpMethod.HEAD) : Collections.singletonList(method);
        List<RequestMatcher> each = paths.stream()
                .flatMap(p -> methods.stream().map(m -> (RequestMatcher) builder.matcher(m, p)))
                .toList();
        return each.size() == 1 ? each.getFirst() : new OrRequestMatcher(each);
    }

    /** The authorities of the roles admitted. */
    String[] authorities() {
        return roles.stream().map(Role::authority).sorted().toArray(String[]::new);
    }
}
