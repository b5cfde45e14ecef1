package org.vesalius.vna.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import org.vesalius.vna.archive.api.audit.AuditIndex;

/**
 * How the audit trail records and delivers.
 *
 * @param sourceId         the Audit Source ID of the messages (this node)
 * @param enterpriseSiteId the Audit Enterprise Site ID (the hospital), or null
 * @param aeTitle          the archive's AE title: its active participant in every message
 * @param queueDirectory   where the records are written first (owner-only)
 * @param collector        where they are sent, or null to keep them on the node only
 * @param retryInterval    how long the sender (and the indexer) waits after the collector (the index) failed before it tries again
 * @param index            where the records are kept queryable, or null for nowhere
 * @param indexRetention   how long the index keeps a record (zero: for ever); the queue on the node keeps every record
 */
public record AuditSettings(String sourceId, String enterpriseSiteId, String aeTitle, Path queueDirectory, Collector collector,
        Duration retryInterval, AuditIndex index, Duration indexRetention) {

    /** Settings without an index. */
    public AuditSettings(String sourceId, String enterpriseSiteId, String aeTitle, Path queueDirectory, Collector collector,
            Duration retryInterval) {
        this(sourceId, enterpriseSiteId, aeTitle, queueDirectory, collector, retryInterval, null, Duration.ZERO);
    }

    public AuditSettings {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(queueDirectory, "queueDirectory");
        Objects.requireNonNull(retryInterval, "retryInterval");
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("the audit retry interval must be positive: " + retryInterval);
        }
        Objects.requireNonNull(indexRetention, "indexRetention");
        if (indexRetention.isNegative()) {
            throw new IllegalArgumentException("the audit index retention must not be negative: " + indexRetention);
        }
    }

    /** The syslog transports of IHE ATNA. */
    public enum Transport {
        /** RFC 5425: syslog over TLS (the one IHE ATNA requires a repository to accept). */
        TLS,
        /** RFC 5426: syslog over UDP; no delivery guarantee, a record sent to a collector that is down is lost. */
        UDP
    }

    /**
     * The audit record repository.
     *
     * @param host      its host name or address
     * @param port      its port
     * @param transport TLS or UDP
     * @param tls       the socket factory for TLS (trust and, for mutual TLS, key material); null for UDP
     */
    public record Collector(String host, int port, Transport transport, SSLSocketFactory tls) {

        public Collector {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(transport, "transport");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the audit collector port must be 1 to 65535: " + port);
            }
            if (transport == Transport.TLS && tls == null) {
                throw new IllegalArgumentException("a TLS audit collector needs trust material");
            }
        }
    }
}
