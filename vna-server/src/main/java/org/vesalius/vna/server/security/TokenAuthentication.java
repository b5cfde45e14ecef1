package org.vesalius.vna.server.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * A verified bearer token with what it lets its bearer read ({@link TokenAccess}), worked out
 * once per request when the token is accepted: the access rules ({@link ClinicalReadAuthorization})
 * and the archive's patient scope ({@link TokenCallerScope}) read it from here. Its authorities
 * are the token's roles as {@link Role#authority()} (as claimed, or as its SMART scopes stand
 * for) and its scopes as Spring's {@code SCOPE_} ones, for HTTP and DICOM user identities alike.
 */
public final class TokenAuthentication extends JwtAuthenticationToken {

    private final transient TokenAccess access;

    TokenAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, TokenAccess access) {
        super(jwt, authorities);
        this.access = access;
    }

    TokenAccess access() {
        return access;
    }

    /** Spring's converter of a verified token, with the roles from {@code rolesClaim}. */
    public static Converter<Jwt, AbstractAuthenticationToken> converter(String rolesClaim) {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        return jwt -> {
            TokenAccess access = TokenAccess.of(jwt, rolesClaim);
            List<GrantedAuthority> all = new ArrayList<>();
            access.roles().forEach(role -> all.add(new SimpleGrantedAuthority(role.authority())));
            all.addAll(scopes.convert(jwt));
            return new TokenAuthentication(jwt, all, access);
        };
    }
}
