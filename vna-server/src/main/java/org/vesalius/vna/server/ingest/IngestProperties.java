package org.vesalius.vna.server.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.archive.ingest.DuplicatePolicy;
import org.vesalius.vna.archive.ingest.PatientMismatchPolicy;

/**
 * {@code vna.ingest.*}.
 *
 * @param duplicatePolicy    {@code reject} (default) or {@code keep-as-new-version}
 * @param maxHeaderBytes     the most of an object held in memory while its header is parsed
 * @param defaultIssuer      default Issuer of Patient ID per sender
 * @param indexRetryAfter    after an index failure, how long ingest queues without trying it
 * @param catchUpInterval    how often the index queue is drained
 * @param index              how fresh instances reach the index
 * @param log                the node's ingest log
 * @param maxHeaderElements  most elements in one header, at every depth; more: refused (C000 / STOW reason C000)
 * @param maxHeaderItems     most sequence items in one header, at every depth; more: refused likewise
 * @param maxHeaderDepth     deepest nesting of sequences in a header; deeper: refused likewise
 * @param headerMemoryBudget the estimated heap all headers parsed at once may hold; 0 for a quarter
 *                           of the maximum heap
 * @param headerMemoryWait   how long a header waits for room in that budget before its object is
 *                           refused as out of resources (A700; STOW-RS 503 when nothing was stored)
 * @param maxIndexedElements most elements and items of a header that go to the index; larger
 *                           sequences, private attributes and large values beyond it stay in the
 *                           blob only (retrieval serves them, QIDO-RS does not return them)
 * @param quota              per-source ingest quotas (none by default)
 * @param patientMismatch    an instance whose patient contradicts its stored study's: {@code refuse}
 *                           (default; C-STORE C409, STOW-RS FailureReason C409 / 409) or {@code accept}
 *                           (stored with a warning in the log: for migrations whose patients are fixed later)
 */
@ConfigurationProperties("vna.ingest")
@Validated
public record IngestProperties(
        @NotNull @DefaultValue("reject") DuplicatePolicy duplicatePolicy,
        @NotNull @DefaultValue("64MB") DataSize maxHeaderBytes,
        @Valid @DefaultValue DefaultIssuer defaultIssuer,
        @NotNull @DefaultValue("30s") Duration indexRetryAfter,
        @NotNull @DefaultValue("10s") Duration catchUpInterval,
        @Valid @DefaultValue IndexWrites index,
        @Valid @DefaultValue Log log,
        @DefaultValue("4000000") long maxHeaderElements,
        @DefaultValue("1000000") long maxHeaderItems,
        @DefaultValue("64") int maxHeaderDepth,
        @NotNull @DefaultValue("0B") DataSize headerMemoryBudget,
        @NotNull @DefaultValue("10s") Duration headerMemoryWait,
        @DefaultValue("100000") long maxIndexedElements,
        @Valid @DefaultValue Quotas quota,
        @NotNull @DefaultValue("refuse") PatientMismatchPolicy patientMismatch) {

    /**
     * {@code vna.ingest.quota.*}: how much one source may store per window on this node, beyond
     * which its objects are refused as out of resources (A700; STOW-RS 503 + {@code Retry-After}
     * when nothing of the request was stored). As for the default issuer, keys other than letters,
     * digits, {@code -} and {@code .} go in brackets: {@code by-calling-ae.[CT_1].instances=20000},
     * {@code by-stow-client.[10.0.0.7].bytes=50GB}. 0 means no limit.
     *
     * @param window       the period a quota covers (refilled continuously)
     * @param bytes        the quota in bytes of every source not named below
     * @param instances    the quota in instances of every source not named below
     * @param byCallingAe  quotas of C-STORE senders, by calling AE title
     * @param byStowClient quotas of STOW-RS clients, by user or address (as for the default issuer)
     */
    public record Quotas(@NotNull @DefaultValue("1h") Duration window, @NotNull @DefaultValue("0B") DataSize bytes,
            @DefaultValue("0") long instances, @DefaultValue Map<String, SourceQuota> byCallingAe,
            @DefaultValue Map<String, SourceQuota> byStowClient) {
        public Quotas {
            if (window != null && window.toSeconds() < 1) {
                throw new IllegalArgumentException("vna.ingest.quota.window must be at least 1s: " + window);
            }
            if (bytes != null && bytes.isNegative() || instances < 0) {
                throw new IllegalArgumentException("vna.ingest.quota.bytes and instances must not be negative");
            }
        }
    }

    /**
     * One source's quota.
     *
     * @param bytes     bytes of newly stored objects per window; 0: no limit
     * @param instances newly stored objects per window; 0: no limit
     */
    public record SourceQuota(@NotNull @DefaultValue("0B") DataSize bytes, @DefaultValue("0") long instances) {
        public SourceQuota {
            if (bytes != null && bytes.isNegative() || instances < 0) {
                throw new IllegalArgumentException("a vna.ingest.quota.sources quota must not be negative");
            }
        }
    }

    /**
     * {@code vna.ingest.log.*}: the node's ingest log (docs/ingest-durability.md), on the node's own
     * disk whatever the blob store (also with S3: each node sharing a bucket has its own).
     *
     * @param directory    where the log's segments are kept; one server per directory
     * @param segmentSize  a segment is rolled once it holds this much; it is deleted once all of it is indexed
     */
    public record Log(@NotNull @DefaultValue("./data/ingest-log") String directory,
            @NotNull @DefaultValue("64MB") DataSize segmentSize) {
        public Log {
            if (segmentSize != null && (segmentSize.toBytes() < 1024 || segmentSize.toBytes() > (1L << 30))) {
                throw new IllegalArgumentException("vna.ingest.log.segment-size must be 1KB..1GB: " + segmentSize);
            }
        }

        /** The directory, absolute. */
        public java.nio.file.Path directoryPath() {
            return java.nio.file.Path.of(directory).toAbsolutePath().normalize();
        }
    }

    /**
     * {@code vna.ingest.default-issuer.by-calling-ae.<AE>=<issuer>} and
     * {@code vna.ingest.default-issuer.by-stow-client.<client>=<issuer>}. Keys with characters
     * other than letters, digits, {@code -} and {@code .} (most AE titles: {@code _}, spaces) and
     * keys with dots (IP addresses) go in brackets, {@code by-calling-ae.[CT_SCANNER 1]}, or
     * Spring's relaxed binding alters them.
     */
    public record DefaultIssuer(@DefaultValue Map<String, String> byCallingAe, @DefaultValue Map<String, String> byStowClient) {
    }

    /**
     * {@code vna.ingest.index.*}.
     *
     * @param writeBehind true (default): the sender's answer waits for a durable ingest-log record
     *                    and a background writer indexes in batches; false: each instance is
     *                    indexed before the answer (one index round trip per instance)
     * @param batchSize   the most instances in one bulk write
     * @param linger      how long a batch waits for more instances after its first one
     * @param minInterval the least time between the starts of two batches that are not full:
     *                    under load, batches grow instead of multiplying (the index's cost is
     *                    mostly per batch); a lone instance still waits only {@code linger}
     * @param catchUpBatchSize the most instances in one bulk write of the catch-up (each read back
     *                    from the blob store first)
     */
    public record IndexWrites(@DefaultValue("true") boolean writeBehind, @DefaultValue("1000") int batchSize,
            @NotNull @DefaultValue("100ms") Duration linger, @DefaultValue("100") int catchUpBatchSize,
            @NotNull @DefaultValue("1s") Duration minInterval) {
        public IndexWrites {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("vna.ingest.index.batch-size must be 1..10000: " + batchSize);
            }
            if (catchUpBatchSize < 1 || catchUpBatchSize > 10_000) {
                throw new IllegalArgumentException("vna.ingest.index.catch-up-batch-size must be 1..10000: " + catchUpBatchSize);
            }
            if (linger != null && (linger.isNegative() || linger.compareTo(Duration.ofSeconds(10)) > 0)) {
                throw new IllegalArgumentException("vna.ingest.index.linger must be 0..10s: " + linger);
            }
            if (minInterval != null && (minInterval.isNegative() || minInterval.compareTo(Duration.ofSeconds(60)) > 0)) {
                throw new IllegalArgumentException("vna.ingest.index.min-interval must be 0..60s: " + minInterval);
            }
        }
    }

    public IngestProperties {
        if (catchUpInterval != null && (catchUpInterval.isNegative() || catchUpInterval.isZero())) {
            throw new IllegalArgumentException("vna.ingest.catch-up-interval must be positive");
        }
        if (maxHeaderElements < 1 || maxHeaderItems < 0 || maxHeaderDepth < 1 || maxIndexedElements < 1) {
            throw new IllegalArgumentException("vna.ingest.max-header-elements, max-header-depth and max-indexed-elements must be positive,"
                    + " vna.ingest.max-header-items not negative");
        }
        if (headerMemoryBudget != null && headerMemoryBudget.isNegative()
                || headerMemoryWait != null && headerMemoryWait.isNegative()) {
            throw new IllegalArgumentException("vna.ingest.header-memory-budget and header-memory-wait must not be negative");
        }
    }
}
