package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    /** Decodes "name:exp-seconds-from-NOW" (or "name:-" for none); "bad" is refused. Records what it was asked. */
    final List<String> asked = new ArrayList<>();
    final JwtDecoder decoder = token -> {
        asked.add(token);
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature does not verify");
        }
        String[] parts = token.split(":");
        Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(parts[0]).issuedAt(NOW.minusSeconds(3600));
        if (!parts[1].equals("-")) {
            jwt.expiresAt(NOW.plusSeconds(Long.parseLong(parts[1])));
        }
        return jwt.build();
    };

    @Test
    void theSameTokenIsVerifiedOnceUntilItExpires() {
        MutableClock clock = new MutableClock(NOW);
        VerifiedTokens tokens = new VerifiedTokens(decoder, 10, clock);

        Jwt first = tokens.decode("alice:60");
        Jwt again = tokens.decode("alice:60");
        clock.now = NOW.plusSeconds(61);
        tokens.decode("alice:60");

        assertThat(again).isSameAs(first);
        assertThat(asked).containsExactly("alice:60", "alice:60");
    }

    @Test
    void aRefusedTokenIsAskedEveryTimeAndNeverKept() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, 10, new MutableClock(NOW));

        assertThatThrownBy(() -> tokens.decode("bad:60")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad:60")).isInstanceOf(BadJwtException.class);

        assertThat(asked).containsExactly("bad:60", "bad:60");
    }

    @Test
    void aTokenWithoutExpiryOrAlreadyExpiredIsNotKept() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, 10, new MutableClock(NOW));

        tokens.decode("forever:-");
        tokens.decode("forever:-");
        tokens.decode("past:-5");
        tokens.decode("past:-5");

        assertThat(asked).containsExactly("forever:-", "forever:-", "past:-5", "past:-5");
    }

    @Test
    void theLeastRecentlyUsedTokenMakesRoom() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, 2, new MutableClock(NOW));

        tokens.decode("a:60");
        tokens.decode("b:60");
        tokens.decode("a:60"); // a is now the most recently used
        tokens.decode("c:60"); // b goes
        tokens.decode("a:60");
        tokens.decode("b:60");

        assertThat(asked).containsExactly("a:60", "b:60", "c:60", "b:60");
        assertThatThrownBy(() -> new VerifiedTokens(decoder, 0, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
