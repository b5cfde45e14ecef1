package org.vesalius.vna.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.vesalius.vna.server.web.ProblemWriter;

/**
 * Refusals of the security filters in the archive's problem form ({@link ProblemWriter}): 401
 * with Spring's {@code WWW-Authenticate: Bearer ...} (RFC 6750: {@code error="invalid_token"}
 * and why, for a token that was refused) and code {@code VNA-UNAUTHENTICATED}; 403 with
 * {@code error="insufficient_scope"} and code {@code VNA-REFUSED}; a request the firewall rejects
 * (an encoded slash, a {@code ..} segment: paths the access rules could be fooled by) 400.
 * A token that could not be checked at all (the issuer's keys cannot be fetched: the identity
 * provider is down or unreachable) is a 503 with {@code Retry-After}, not a 401: the token may be
 * good. The detail never repeats the token.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler,
        AuthenticationFailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    /** The problem type of a request without a valid token (no failure kind of the archive stands for it). */
    static final URI UNAUTHENTICATED = URI.create("urn:vesalius:failure:VNA-UNAUTHENTICATED");

    private final ObjectMapper json;
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        bearerEntryPoint.commence(request, response, failure);  // status and WWW-Authenticate
        ProblemDetail problem = ProblemWriter.containerProblem(401,
                request.getHeader("Authorization") == null ? "a bearer token is required" : "the bearer token was not accepted",
                request.getRequestURI());
        problem.setType(UNAUTHENTICATED);
        problem.setProperty("code", "VNA-UNAUTHENTICATED");
        write(request, response, problem);
    }

    /** The bearer token filter's failures: 503 when the token could not be checked, else as {@link #commence}. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (!(failure instanceof AuthenticationServiceException)) {
            commence(request, response, failure);
            return;
        }
        LOG.warn("a bearer token could not be checked, answered 503: {}", NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
        response.setStatus(503);
        response.setHeader("Retry-After", "10");
        write(request, response, ProblemWriter.containerProblem(503,
                "the token could not be checked: the identity provider does not answer", request.getRequestURI()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        bearerDenied.handle(request, response, denied);  // 403 and WWW-Authenticate
        write(request, response, ProblemWriter.containerProblem(403, "the token's roles do not allow this request", request.getRequestURI()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) throws IOException {
        response.setStatus(400);
        write(request, response, ProblemWriter.containerProblem(400, "the request path is not acceptable", null));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setContentType("application/problem+json");
        try (OutputStream out = response.getOutputStream()) {
            json.writeValue(out, problem);
        }
    }
}
