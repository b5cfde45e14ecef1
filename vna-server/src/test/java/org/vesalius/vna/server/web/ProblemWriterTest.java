package org.vesalius.vna.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.ConflictException;
import org.vesalius.vna.archive.api.failure.FailureKind;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.NotFoundException;
import org.vesalius.vna.archive.api.failure.RefusedException;
import org.vesalius.vna.archive.api.failure.TooLargeException;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.failure.UnsupportedException;

/**
 * Every failure kind answered in HTTP terms, as QIDO-RS, STOW-RS, WADO-RS and WADO-URI answer it:
 * the status, an {@code application/problem+json} body with the stable code (and the parameter at
 * fault), and {@code Retry-After} while the archive is unavailable.
 */
class ProblemWriterTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ProblemWriter problems = new ProblemWriter(json);

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "NOT_FOUND,       404, Not Found",
        "INVALID_REQUEST, 400, Bad Request",
        "CONFLICT,        409, Conflict",
        "UNAVAILABLE,     503, Service Unavailable",
        "REFUSED,         403, Forbidden",
        "TOO_LARGE,       413, Content Too Large",
        "UNSUPPORTED,     406, Not Acceptable",
    })
    void everyKindIsAProblemWithItsCode(FailureKind kind, int status, String title) throws Exception {
        ArchiveException failure = example(kind);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dicomweb/studies");
        MockHttpServletResponse response = new MockHttpServletResponse();

        problems.write(request, response, failure, false);

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode body = json.readTree(response.getContentAsByteArray());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isEqualTo(title);
        assertThat(body.path("code").asText()).isEqualTo(kind.code());
        assertThat(body.path("type").asText()).isEqualTo("urn:vesalius:failure:" + kind.code());
        assertThat(body.path("detail").asText()).isEqualTo(failure.getMessage());
        assertThat(body.path("instance").asText()).isEqualTo("/dicomweb/studies");
        assertThat(body.path("parameter").isMissingNode()).isEqualTo(kind != FailureKind.INVALID_REQUEST && kind != FailureKind.UNSUPPORTED);
        assertThat(response.getHeader("Retry-After")).isEqualTo(kind == FailureKind.UNAVAILABLE ? "30" : null);
    }

    private static ArchiveException example(FailureKind kind) {
        return switch (kind) {
            case NOT_FOUND -> new NotFoundException("no study 1.2.3");
            case INVALID_REQUEST -> new InvalidRequestException("StudyDate", "20201301 is not a date");
            case CONFLICT -> new ConflictException("already stored with different content");
            case UNAVAILABLE -> new UnavailableException("the index is not available", Duration.ofSeconds(30), null);
            case REFUSED -> new RefusedException("not allowed");
            case TOO_LARGE -> new TooLargeException("too many studies");
            case UNSUPPORTED -> new UnsupportedException("Accept", "image/gif is not offered", null);
        };
    }
}
