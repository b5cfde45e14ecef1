package org.vesalius.vna.server.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A verified bearer token with what it lets its bearer read ({@link TokenAccess}), worked out
 * once per request when the token is accepted: the access rules ({@link ClinicalReadAuthorization})
 * and the archive's patient scope ({@link TokenCallerScope}) read it from here.
 */
final class TokenAuthentication extends JwtAuthenticationToken {

    private final transient TokenAccess access;

    TokenAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, TokenAccess access) {
        super(jwt, authorities);
        this.access = access;
    }

    TokenAccess access() {
        return access;
    }
}
