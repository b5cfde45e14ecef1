package org.vesalius.vna.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.ConflictException;
import org.vesalius.vna.archive.api.failure.FailureKind;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.NotFoundException;
import org.vesalius.vna.archive.api.failure.RefusedException;
import org.vesalius.vna.archive.api.failure.TooLargeException;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.failure.UnsupportedException;

/** Every failure kind answered in FHIR terms: an HTTP status and an OperationOutcome with its issue type and the stable code. */
class FailuresTest {

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "NOT_FOUND,       404, not-found",
        "INVALID_REQUEST, 400, invalid",
        "CONFLICT,        409, conflict",
        "UNAVAILABLE,     503, transient",
        "REFUSED,         403, forbidden",
        "TOO_LARGE,       413, too-costly",
        "UNSUPPORTED,     501, not-supported",
    })
    void everyKindIsAnOperationOutcome(FailureKind kind, int status, String issueType) {
        ArchiveException failure = example(kind);

        assertThatThrownBy(() -> Failures.translate(() -> {
            throw failure;
        })).isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(status);
            OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getCode().toCode()).isEqualTo(issueType);
            assertThat(issue.getDiagnostics()).isEqualTo(failure.getMessage());
            assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(Failures.CODE_SYSTEM);
            assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(kind.code());
            if (kind == FailureKind.INVALID_REQUEST) {
                assertThat(issue.getExpression()).singleElement().hasToString("StudyDate");
            }
            if (kind == FailureKind.UNAVAILABLE) {
                assertThat(e.getResponseHeaders().get("Retry-After")).containsExactly("30");
            }
        });
    }

    private static ArchiveException example(FailureKind kind) {
        return switch (kind) {
            case NOT_FOUND -> new NotFoundException("no study 1.2.3");
            case INVALID_REQUEST -> new InvalidRequestException("StudyDate", "20201301 is not a date");
            case CONFLICT -> new ConflictException("already stored with different content");
            case UNAVAILABLE -> new UnavailableException("the index is not available", Duration.ofSeconds(30), null);
            case REFUSED -> new RefusedException("not allowed");
            case TOO_LARGE -> new TooLargeException("too many studies");
            case UNSUPPORTED -> new UnsupportedException("_format", "not offered", null);
        };
    }
}
