package org.vesalius.vna.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report, as RFC 9457 {@code application/problem+json} instead of an HTML page:
 * for errors the container raises before a request reaches the application (a request target
 * with a character it refuses, an invalid {@code %} escape, a header block too large), so every
 * answer of the server speaks the same failure vocabulary ({@link ProblemWriter#containerProblem}).
 * Installed in place of the host's {@link ErrorReportValve} by {@link ContainerErrors}.
 */
final class ProblemReportValve extends ErrorReportValve {

    private final ObjectMapper json;

    ProblemReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As the HTML valve: only an error nobody has answered yet, and only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        // A server-side failure's own text (exception messages, paths) is for the log, not the client.
        String detail = status >= 500 ? null : response.getMessage();
        if ((detail == null || detail.isBlank()) && status < 500 && throwable != null && throwable.getMessage() != null) {
            detail = throwable.getMessage().lines().findFirst().orElse("");
        }
        if (detail == null || detail.isBlank()) {
            detail = status >= 500 ? "the server failed to process the request" : "the request cannot be processed";
        }
        // No instance: the request target may be what was refused, and is not echoed back.
        ProblemDetail problem = ProblemWriter.containerProblem(status, detail, null);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the response cannot take a body any more: nothing to report to.
        }
    }
}
