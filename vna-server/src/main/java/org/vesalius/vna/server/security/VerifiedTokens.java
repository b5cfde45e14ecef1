package org.vesalius.vna.server.security;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the tokens it has verified, until each expires: a viewer
 * sends the same token with every one of hundreds of frame requests, and verifying it (parsing,
 * the signature, the claims' conversion and checks) was most of what tokens cost per request
 * ({@code bench/security}). A token is the key as sent, so only the very same token is answered
 * from memory, with the claims verified the first time; a token without an expiry, or past it,
 * is verified again each time (and refused by the checks when it has expired). At most
 * {@code capacity} tokens are kept, the least recently used dropped first.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.decoder = decoder;
        this.clock = clock;
        this.verified = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Jwt> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        synchronized (verified) {
            Jwt known = verified.get(token);
            if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(now)) {
                return known;
            }
        }
        Jwt jwt = decoder.decode(token);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(now)) {
            synchronized (verified) {
                verified.put(token, jwt);
            }
        }
        return jwt;
    }
}
