package org.vesalius.vna.archive.api.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure kind in the terms of each protocol whose mapping lives here: HTTP, HL7 v2 ERR / MSA, SOAP. */
class FailureKindTest {

    @ParameterizedTest(name = "{0}: {1}, HTTP {2}, HL7 {3}/{4}, SOAP {5}")
    @CsvSource({
        "NOT_FOUND,       VNA-NOT-FOUND,       404, 204, AE, env:Sender",
        "INVALID_REQUEST, VNA-INVALID-REQUEST, 400, 102, AE, env:Sender",
        "CONFLICT,        VNA-CONFLICT,        409, 205, AE, env:Sender",
        "UNAVAILABLE,     VNA-UNAVAILABLE,     503, 207, AR, env:Receiver",
        "REFUSED,         VNA-REFUSED,         403, 207, AR, env:Sender",
        "TOO_LARGE,       VNA-TOO-LARGE,       413, 207, AE, env:Sender",
        "UNSUPPORTED,     VNA-UNSUPPORTED,     406, 200, AR, env:Sender",
    })
    void everyKindHasItsTermsInEveryProtocol(FailureKind kind, String code, int http, int hl7Error, String ack, String soap) {
        ArchiveException failure = FailureExamples.of(kind);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(HttpFailure.of(failure).status()).isEqualTo(http);
        assertThat(HttpFailure.of(failure).retryAfterSeconds()).isEqualTo(kind == FailureKind.UNAVAILABLE ? 30 : -1);
        assertThat(kind.hl7ErrorCode()).isEqualTo(hl7Error);
        assertThat(kind.hl7AcknowledgmentCode()).isEqualTo(ack);
        assertThat(kind.soapFaultCode()).isEqualTo(soap);
    }

    @Test
    void codesAreDistinctAndHl7CodesComeFromTable0357() {
        assertThat(Arrays.stream(FailureKind.values()).map(FailureKind::code).collect(Collectors.toSet())).hasSize(FailureKind.values().length);
        Set<Integer> table0357 = Set.of(0, 100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207);
        assertThat(FailureKind.values()).allSatisfy(k -> assertThat(table0357).contains(k.hl7ErrorCode()));
    }

    @Test
    void httpRefinesARangeAndARequestMediaType() {
        assertThat(HttpFailure.of(new InvalidRequestException(HttpFailure.RANGE, "the content has 10 bytes")).status()).isEqualTo(416);
        assertThat(HttpFailure.of(new UnsupportedException(HttpFailure.CONTENT_TYPE, "not multipart", null)).status()).isEqualTo(415);
    }

    @Test
    void theArchivesOwnFailuresAreKinds() {
        assertThat(new org.vesalius.vna.archive.api.query.InvalidQueryException("limit", "must not be negative").code())
                .isEqualTo("VNA-INVALID-REQUEST");
        assertThat(new org.vesalius.vna.archive.index.IndexUnavailableException("down", null).kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(new org.vesalius.vna.archive.storage.StorageUnavailableException("disk full").kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(new org.vesalius.vna.archive.retrieve.InstanceNotFoundException("gone").kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(new org.vesalius.vna.archive.retrieve.FrameOutOfRangeException("frame 9").kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(new org.vesalius.vna.archive.render.NotRenderableException("no pixels").kind()).isEqualTo(FailureKind.UNSUPPORTED);
        assertThat(new org.vesalius.vna.archive.index.IndexBuildConflictException("running").kind()).isEqualTo(FailureKind.CONFLICT);
    }
}
