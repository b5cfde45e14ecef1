package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.ConflictException;
import org.vesalius.vna.archive.api.failure.NotFoundException;
import org.vesalius.vna.archive.api.failure.RefusedException;
import org.vesalius.vna.archive.api.failure.TooLargeException;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.failure.UnsupportedException;

/**
 * The archive's failures in FHIR terms, decided once for the facade: each kind becomes the HAPI
 * exception of its HTTP status, carrying an OperationOutcome with one issue (severity
 * {@code error}, the issue type below, the kind's stable code as {@code details.coding.code} and
 * the message as {@code diagnostics}). HAPI writes it.
 *
 * <table>
 *   <caption>FHIR answer per kind</caption>
 *   <tr><th>kind</th><th>HTTP</th><th>issue type</th></tr>
 *   <tr><td>NOT_FOUND</td><td>404</td><td>not-found</td></tr>
 *   <tr><td>INVALID_REQUEST</td><td>400</td><td>invalid (the parameter in {@code expression})</td></tr>
 *   <tr><td>CONFLICT</td><td>409</td><td>conflict</td></tr>
 *   <tr><td>UNAVAILABLE</td><td>503 + Retry-After</td><td>transient</td></tr>
 *   <tr><td>REFUSED</td><td>403</td><td>forbidden</td></tr>
 *   <tr><td>TOO_LARGE</td><td>413</td><td>too-costly</td></tr>
 *   <tr><td>UNSUPPORTED</td><td>501</td><td>not-supported</td></tr>
 * </table>
 */
final class Failures {

    /** The coding system of the kinds' stable codes in {@code issue.details}. */
    static final String CODE_SYSTEM = "urn:vesalius:failure";

    /** 503: a part of the archive cannot answer now (ingest goes on; queries come back when it does). */
    static final class ServiceUnavailable extends BaseServerResponseException {
        private static final long serialVersionUID = 1L;

        ServiceUnavailable(String message, IBaseOperationOutcome outcome) {
            super(503, message, outcome);
        }
    }

    private Failures() {
    }

    /** Runs {@code call}, answering an archive failure in FHIR terms. */
    static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (ArchiveException e) {
            throw of(e);
        }
    }

    /** The HAPI exception (status and OperationOutcome) for {@code failure}. */
    static BaseServerResponseException of(ArchiveException failure) {
        String message = failure.getMessage();
        return switch (failure) {
            case NotFoundException n -> new ResourceNotFoundException(message, outcome(failure, IssueType.NOTFOUND, null));
            case org.vesalius.vna.archive.api.failure.InvalidRequestException i ->
                    new InvalidRequestException(message, outcome(failure, IssueType.INVALID, i.parameter()));
            case ConflictException c -> new ResourceVersionConflictException(message, outcome(failure, IssueType.CONFLICT, null));
            case UnavailableException u -> {
                var e = new ServiceUnavailable(message, outcome(failure, IssueType.TRANSIENT, null));
                e.addResponseHeader("Retry-After", Long.toString(Math.max(1, u.retryAfter().toSeconds())));
                yield e;
            }
            case RefusedException r -> new ForbiddenOperationException(message, outcome(failure, IssueType.FORBIDDEN, null));
            case TooLargeException t -> {
                var e = new PayloadTooLargeException(message);
                e.setOperationOutcome(outcome(failure, IssueType.TOOCOSTLY, null));
                yield e;
            }
            case UnsupportedException u -> new NotImplementedOperationException(message,
                    outcome(failure, IssueType.NOTSUPPORTED, u.parameter().orElse(null)));
        };
    }

    private static OperationOutcome outcome(ArchiveException failure, IssueType type, String parameter) {
        OperationOutcome outcome = new OperationOutcome();
        var issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(failure.getMessage());
        issue.getDetails().addCoding().setSystem(CODE_SYSTEM).setCode(failure.code()).setDisplay(failure.kind().name());
        if (parameter != null) {
            issue.addExpression(parameter);
        }
        return outcome;
    }
}
