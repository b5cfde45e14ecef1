package org.vesalius.vna.archive.api.failure;

import java.time.Duration;

/** One failure of each kind, as an edge would receive it: for the per-protocol mapping tests. */
public final class FailureExamples {

    private FailureExamples() {
    }

    /** A failure of {@code kind} (an unavailable one asks for a retry after 30 s). */
    public static ArchiveException of(FailureKind kind) {
        return switch (kind) {
            case NOT_FOUND -> new NotFoundException("no study 1.2.3");
            case INVALID_REQUEST -> new InvalidRequestException("StudyDate", "20201301 is not a date");
            case CONFLICT -> new ConflictException("SOP Instance UID 1.2.3.4 already stored with different content");
            case UNAVAILABLE -> new UnavailableException("the index is not available", Duration.ofSeconds(30), null);
            case REFUSED -> new RefusedException("AE MODALITY may not store here");
            case TOO_LARGE -> new TooLargeException("patient 12345 has more than 10000 studies");
            case UNSUPPORTED -> new UnsupportedException("Accept", "image/gif is not offered", null);
        };
    }
}
