package org.vesalius.vna.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error the container reports through the application's error page (no handler, a
 * request body that ends before its Content-Length, an exception that escaped) is answered as
 * RFC 9457 {@code application/problem+json}, like the errors the controllers report, whatever the
 * request's Accept header, with the failure code its status stands for
 * ({@link ProblemWriter#containerProblem}). A controller that already described the problem leaves
 * it in the {@link #PROBLEM_ATTRIBUTE} request attribute (the container may take over the response
 * after a failed body read). Errors raised before a request reaches the application at all are
 * {@link ProblemReportValve}'s.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    /** Request attribute holding a {@link ProblemDetail} a controller prepared. */
    public static final String PROBLEM_ATTRIBUTE = "org.vesalius.vna.server.problem";

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        ProblemDetail problem = request.getAttribute(PROBLEM_ATTRIBUTE) instanceof ProblemDetail p ? p : generic(request);
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ProblemDetail generic(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError() ? "the server failed to process the request"
                : status == HttpStatus.NOT_FOUND ? "no resource at this path" : status.getReasonPhrase();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ProblemWriter.containerProblem(status.value(), detail, uri instanceof String s ? s : null);
    }
}
