package org.vesalius.vna.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.HttpFailure;

/**
 * Spring MVC's own errors (no handler for a path, a method not allowed, a missing parameter) get
 * the failure code their status stands for, like the container's; and an archive failure that
 * escapes a controller is answered as {@link ProblemWriter} answers it, not as a 500.
 */
@ControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ArchiveException.class)
    ResponseEntity<ProblemDetail> archiveFailure(ArchiveException failure, HttpServletRequest request) {
        ProblemDetail problem = ProblemWriter.problem(failure, request.getRequestURI());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        long retryAfter = HttpFailure.of(failure).retryAfterSeconds();
        if (retryAfter > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        return answer.body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemWriter.classify(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
