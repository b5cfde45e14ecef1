package org.vesalius.vna.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes RFC 9457 {@code application/problem+json} answers for controllers that write their
 * responses themselves (streamed DICOMweb bodies), the same shape {@link ProblemErrorController}
 * gives the container's own errors.
 */
@Component
public class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Answers {@code status} with a problem body.
     *
     * @param closeConnection true when the request body may be unread or unreadable: the
     *                        connection is closed after the answer rather than drained
     */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
            boolean closeConnection) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        // After a failed body read the container may answer through its error page instead.
        request.setAttribute(ProblemErrorController.PROBLEM_ATTRIBUTE, problem);
        response.setStatus(status);
        if (closeConnection) {
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/problem+json");
        try (OutputStream out = response.getOutputStream()) {
            json.writeValue(out, problem);
        }
    }
}
