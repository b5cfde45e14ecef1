package org.vesalius.vna.archive.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Ingest tunables.
 *
 * @param maxHeaderBytes     the most bytes of an object held in memory while its header is
 *                           parsed (everything before Pixel Data; a deflated data set as a
 *                           whole). Larger headers are refused. Default 64 MiB.
 * @param duplicatePolicy    what to do with different bytes under a stored SOP Instance UID
 * @param indexRetryAfter    after the index failed, how long ingest queues without trying it
 * @param headerLimits       element, item and depth limits of a header, and the heap all headers
 *                           being parsed at once may hold
 * @param patientMismatch    what to do with an instance whose patient contradicts its stored study's
 */
public record IngestSettings(long maxHeaderBytes, DuplicatePolicy duplicatePolicy, Duration indexRetryAfter,
        HeaderLimits headerLimits, PatientMismatchPolicy patientMismatch) {

    /** 64 MiB. */
    public static final long DEFAULT_MAX_HEADER_BYTES = 64L * 1024 * 1024;
    /** 64 MiB header cap, duplicates rejected, index retried 30 s after a failure. */
    public static final IngestSettings DEFAULT =
            new IngestSettings(DEFAULT_MAX_HEADER_BYTES, DuplicatePolicy.REJECT, Duration.ofSeconds(30));

    /** With the default {@link HeaderLimits}, refusing patient mismatches. */
    public IngestSettings(long maxHeaderBytes, DuplicatePolicy duplicatePolicy, Duration indexRetryAfter) {
        this(maxHeaderBytes, duplicatePolicy, indexRetryAfter, HeaderLimits.DEFAULT);
    }

    /** Refusing patient mismatches. */
    public IngestSettings(long maxHeaderBytes, DuplicatePolicy duplicatePolicy, Duration indexRetryAfter,
            HeaderLimits headerLimits) {
        this(maxHeaderBytes, duplicatePolicy, indexRetryAfter, headerLimits, PatientMismatchPolicy.REFUSE);
    }

    public IngestSettings {
        Objects.requireNonNull(duplicatePolicy, "duplicatePolicy");
        Objects.requireNonNull(headerLimits, "headerLimits");
        Objects.requireNonNull(indexRetryAfter, "indexRetryAfter");
        Objects.requireNonNull(patientMismatch, "patientMismatch");
        if (maxHeaderBytes < 1024 || maxHeaderBytes > Integer.MAX_VALUE - (1 << 20)) {
            throw new IllegalArgumentException("maxHeaderBytes must be between 1 KiB and 2 GiB - 1 MiB: " + maxHeaderBytes);
        }
        if (indexRetryAfter.isNegative()) {
            throw new IllegalArgumentException("indexRetryAfter must not be negative");
        }
    }

    /** These settings with another duplicate policy. */
    public IngestSettings withDuplicatePolicy(DuplicatePolicy policy) {
        return new IngestSettings(maxHeaderBytes, policy, indexRetryAfter, headerLimits, patientMismatch);
    }

    /** These settings with another header cap. */
    public IngestSettings withMaxHeaderBytes(long bytes) {
        return new IngestSettings(bytes, duplicatePolicy, indexRetryAfter, headerLimits, patientMismatch);
    }

    /** These settings with other header limits. */
    public IngestSettings withHeaderLimits(HeaderLimits limits) {
        return new IngestSettings(maxHeaderBytes, duplicatePolicy, indexRetryAfter, limits, patientMismatch);
    }

    /** These settings with another patient mismatch policy. */
    public IngestSettings withPatientMismatch(PatientMismatchPolicy policy) {
        return new IngestSettings(maxHeaderBytes, duplicatePolicy, indexRetryAfter, headerLimits, policy);
    }
}
