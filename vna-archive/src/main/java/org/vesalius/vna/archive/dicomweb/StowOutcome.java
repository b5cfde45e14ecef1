package org.vesalius.vna.archive.dicomweb;

import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.HttpFailure;

/** What a STOW-RS request gets back: a Store Instances Response, or a request-level problem (RFC 9457). */
public sealed interface StowOutcome {

    /** HTTP status. */
    int status();

    /**
     * A Store Instances Response (PS3.18 10.5.3): 200 all stored, 202 stored with failures or
     * warnings, 409 none stored, 503 none stored for want of resources (with Retry-After).
     *
     * @param body     the response data set, written as {@code application/dicom+json}
     * @param warnings one line per failed or coerced part, for HTTP {@code Warning} headers
     */
    record Response(int status, Dataset body, List<String> warnings) implements StowOutcome {
        public Response {
            Objects.requireNonNull(body, "body");
            warnings = List.copyOf(warnings);
        }
    }

    /** The request itself is wrong (400, 415; {@link HttpFailure} decides): nothing was stored. */
    record Problem(ArchiveException failure) implements StowOutcome {
        public Problem {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public int status() {
            return HttpFailure.of(failure).status();
        }

        /** The failure's message. */
        public String detail() {
            return failure.getMessage();
        }
    }
}
