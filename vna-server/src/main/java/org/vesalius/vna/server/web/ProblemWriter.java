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
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.FailureKind;
import org.vesalius.vna.archive.api.failure.HttpFailure;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.UnsupportedException;

/**
 * The archive's failures as RFC 9457 {@code application/problem+json}, decided once for every
 * HTTP edge (QIDO-RS, STOW-RS, WADO-RS, WADO-URI) and for the container's own errors
 * ({@link ProblemErrorController}, {@link ProblemReportValve}). The status comes from
 * {@link HttpFailure}; the problem carries
 * <ul>
 *   <li>{@code type} {@code urn:vesalius:failure:<code>}, {@code title} the status's reason
 *       phrase, {@code status}, {@code detail} the failure's message, {@code instance} the path;</li>
 *   <li>{@code code}: the kind's stable code ({@code VNA-INVALID-REQUEST}, ...);</li>
 *   <li>{@code parameter}: the request parameter at fault, when the failure names one;</li>
 *   <li>and a {@code Retry-After} header while the archive is unavailable.</li>
 * </ul>
 */
@Component
public class ProblemWriter {

    /** The problem type URI of a kind: {@code urn:vesalius:failure:} and its code. */
    public static URI type(FailureKind kind) {
        return URI.create("urn:vesalius:failure:" + kind.code());
    }

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The problem document for {@code failure} at {@code path}. */
    public static ProblemDetail problem(ArchiveException failure, String path) {
        HttpFailure http = HttpFailure.of(failure);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(http.status()), failure.getMessage());
        problem.setTitle(http.title());
        problem.setType(type(failure.kind()));
        problem.setProperty("code", failure.code());
        String parameter = switch (failure) {
            case InvalidRequestException i -> i.parameter();
            case UnsupportedException u -> u.parameter().orElse(null);
            default -> null;
        };
        if (parameter != null) {
            problem.setProperty("parameter", parameter);
        }
        problem.setInstance(instance(path));
        return problem;
    }

    /**
     * A problem for an error the container raised before (or instead of) our code: its status,
     * and the code of the kind that status stands for when there is one (a 500 is a defect and
     * has none).
     */
    public static ProblemDetail containerProblem(int status, String detail, String path) {
        HttpStatus resolved = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR, detail);
        classify(problem);
        problem.setInstance(instance(path));
        return problem;
    }

    /**
     * Gives a problem the framework or the container made the type and code of the kind its
     * status stands for, when there is one (a 500 is a defect and has none).
     */
    public static void classify(ProblemDetail problem) {
        FailureKind kind = switch (problem.getStatus()) {
            case 400, 416 -> FailureKind.INVALID_REQUEST;
            case 403 -> FailureKind.REFUSED;
            case 404 -> FailureKind.NOT_FOUND;
            case 405, 406, 415, 501, 505 -> FailureKind.UNSUPPORTED;
            case 409 -> FailureKind.CONFLICT;
            case 413, 414, 431 -> FailureKind.TOO_LARGE;
            case 503 -> FailureKind.UNAVAILABLE;
            default -> null;
        };
        if (kind != null && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setType(type(kind));
            problem.setProperty("code", kind.code());
        }
    }

    /** The path as a URI reference; null when there is none. A path with characters a URI may not hold is escaped. */
    private static URI instance(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            try {
                return new URI(null, null, path, null);
            } catch (java.net.URISyntaxException again) {
                return null;
            }
        }
    }

    /**
     * Answers {@code failure} as a problem.
     *
     * @param closeConnection true when the request body may be unread or unreadable: the
     *                        connection is closed after the answer rather than drained
     */
    public void write(HttpServletRequest request, HttpServletResponse response, ArchiveException failure, boolean closeConnection)
            throws IOException {
        ProblemDetail problem = problem(failure, request.getRequestURI());
        // After a failed body read the container may answer through its error page instead.
        request.setAttribute(ProblemErrorController.PROBLEM_ATTRIBUTE, problem);
        response.setStatus(problem.getStatus());
        long retryAfter = HttpFailure.of(failure).retryAfterSeconds();
        if (retryAfter > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
        }
        if (closeConnection) {
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/problem+json");
        try (OutputStream out = response.getOutputStream()) {
            json.writeValue(out, problem);
        }
    }
}
