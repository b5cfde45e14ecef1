package org.vesalius.vna.archive.ingest.log;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of the {@link IngestLog}: an instance whose blob is durable and which the index has
 * not yet confirmed. It names the instance (not a version: whoever replays it indexes the
 * instance's current version) and carries the blob's key, size and SHA-256 as ingest computed
 * them, so the log alone says what was acknowledged.
 *
 * @param seq       position in the log, assigned when the record is durable ({@code -1} before)
 * @param study     Study Instance UID
 * @param series    Series Instance UID
 * @param sop       SOP Instance UID
 * @param blobKey   the key the bytes were stored under
 * @param sha256Hex the stored bytes' SHA-256 (lower-case hex), or empty when unknown
 * @param size      the stored bytes' size
 * @param source    the channel and sender, e.g. {@code DIMSE:CT1}
 * @param at        the time of receipt
 */
public record LogEntry(long seq, String study, String series, String sop, String blobKey, String sha256Hex, long size,
        String source, Instant at) {

    public LogEntry {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(sop, "sop");
        Objects.requireNonNull(blobKey, "blobKey");
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }

    /** The same entry at position {@code position}. */
    LogEntry at(long position) {
        return new LogEntry(position, study, series, sop, blobKey, sha256Hex, size, source, at);
    }
}
