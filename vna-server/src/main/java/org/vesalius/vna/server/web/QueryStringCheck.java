package org.vesalius.vna.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;

/**
 * Refuses a query string the container cannot decode (a {@code %} that starts no escape, bytes
 * that are not UTF-8) with a 400 problem. Tomcat would drop such a parameter silently, and a
 * QIDO-RS search without the key the client typed answers more than was asked for.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class QueryStringCheck extends OncePerRequestFilter {

    /** Tomcat's request attribute telling that parameter parsing failed (org.apache.catalina.Globals). */
    static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";
    static final String PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

    private final ProblemWriter problems;

    QueryStringCheck(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            request.getParameterMap(); // parsed now, so a failure is known before anything runs
            if (request.getAttribute(PARSE_FAILED) != null) {
                Object reason = request.getAttribute(PARSE_FAILED_REASON);
                problems.write(request, response, new InvalidRequestException("query", "the query string cannot be decoded"
                        + (reason != null ? " (" + reason.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")" : "")
                        + "; a % must start an escape such as %25, and escaped bytes must be UTF-8"), false);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
