package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerTokensTest {

    private static final String JWT = "eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJ0In0.c2lnbmF0dXJl-_~+/==";

    @Test
    void answersEveryRequestExactlyAsSpringsResolver() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "BEARER abc", "Bearer abc=", "Bearer ===",
                "Bearer a=b", "Bearer  abc", "Bearer abc ", "Bearer", "Bearer ", "Bearerabc", "Basic dXNlcjpwYXNz", "DPoP " + JWT,
                "Bearer ab\u00e9", "Bearer a\tb", "Bearer a,b", "Bearer " + "x".repeat(10_000)));
        Random random = new Random(7);
        String alphabet = "aZ09-._~+/= \t,é";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder token = new StringBuilder(random.nextBoolean() ? "Bearer " : "bEaReR ");
            for (int i = random.nextInt(12); i > 0; i--) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(token.toString());
        }
        for (String header : headers) {
            for (String method : List.of("GET", "POST")) {
                for (String parameter : new String[] {null, "from-parameter"}) {
                    MockHttpServletRequest request = new MockHttpServletRequest(method, "/dicomweb/studies");
                    request.addHeader("Authorization", header);
                    if (parameter != null) {
                        request.addParameter("access_token", parameter);
                    }
                    assertSameAnswer(request, header + " " + method + " " + parameter);
                }
            }
        }
        MockHttpServletRequest none = new MockHttpServletRequest("GET", "/dicomweb/studies");
        none.addParameter("access_token", "from-parameter");
        assertSameAnswer(none, "no header, a parameter");
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/dicomweb/studies");
        form.setContentType("application/x-www-form-urlencoded");
        form.addHeader("Authorization", "Bearer " + JWT);
        form.addParameter("access_token", "from-form");
        assertSameAnswer(form, "a form with a token too");
    }

    @Test
    void takesTheTokenOfAWellFormedHeaderWithoutSpringsResolver() {
        assertThat(BearerTokens.wellFormed("Bearer " + JWT)).isEqualTo(JWT);
        assertThat(BearerTokens.wellFormed("bearer abc==")).isEqualTo("abc==");
        assertThat(BearerTokens.wellFormed("Bearer a=b")).isNull();
        assertThat(BearerTokens.wellFormed("Bearer ==")).isNull();
        assertThat(BearerTokens.wellFormed("Basic abc")).isNull();
    }

    private static void assertSameAnswer(MockHttpServletRequest request, String what) {
        Object expected;
        try {
            expected = new DefaultBearerTokenResolver().resolve(request);
        } catch (RuntimeException refused) {
            expected = refused.getClass().getName() + ": " + refused.getMessage();
        }
        Object actual;
        try {
            actual = new BearerTokens().resolve(request);
        } catch (RuntimeException refused) {
            actual = refused.getClass().getName() + ": " + refused.getMessage();
        }
        assertThat(Objects.toString(actual)).as(what).isEqualTo(Objects.toString(expected));
    }
}
