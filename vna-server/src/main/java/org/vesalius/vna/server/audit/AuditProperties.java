package org.vesalius.vna.server.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.audit.AuditSettings;

/**
 * {@code vna.audit.*}: the audit trail (IHE ATNA).
 *
 * @param enabled          whether accesses are audited
 * @param sourceId         the Audit Source ID of the messages; empty: the AE title
 * @param enterpriseSiteId the Audit Enterprise Site ID (the hospital); empty: none
 * @param queueDirectory   where each record is written before it is sent (owner-only); kept after sending
 * @param retryInterval    the wait before the next try after the collector failed
 * @param collector        the audit record repository
 * @param index            the queryable copy (Elasticsearch) behind {@code /api/audit} and FHIR AuditEvent
 * @param tokenRefusalsPerMinute at most this many refused bearer tokens are recorded one by one a minute
 *                         (the rest are counted in the next record)
 */
@ConfigurationProperties("vna.audit")
@Validated
public record AuditProperties(@DefaultValue("false") boolean enabled, @NotNull @DefaultValue("") String sourceId,
        @NotNull @DefaultValue("") String enterpriseSiteId, @NotNull @DefaultValue("./data/audit") String queueDirectory,
        @NotNull @DefaultValue("10s") Duration retryInterval, @Valid @DefaultValue Collector collector, @Valid @DefaultValue Index index,
        @DefaultValue("60") int tokenRefusalsPerMinute) {

    public AuditProperties {
        if (retryInterval != null && (retryInterval.isNegative() || retryInterval.isZero())) {
            throw new IllegalArgumentException("vna.audit.retry-interval must be positive: " + retryInterval);
        }
        if (tokenRefusalsPerMinute < 1) {
            throw new IllegalArgumentException("vna.audit.token-refusals-per-minute must be at least 1: " + tokenRefusalsPerMinute);
        }
    }

    /**
     * {@code vna.audit.index.*}: the audit records, searchable, in Elasticsearch index
     * {@code <vna.elasticsearch.index-prefix>-audit} of the archive's cluster.
     *
     * @param enabled   whether the records are copied there (and {@code /api/audit} answers)
     * @param retention how long the index keeps a record; 0 for ever (the node's queue keeps all)
     */
    public record Index(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("2192d") Duration retention) {

        public Index {
            if (retention != null && retention.isNegative()) {
                throw new IllegalArgumentException("vna.audit.index.retention must not be negative: " + retention);
            }
        }
    }

    /** The queue directory, absolute. */
    Path queuePath() {
        return Path.of(queueDirectory).toAbsolutePath().normalize();
    }

    /**
     * {@code vna.audit.collector.*}.
     *
     * @param host      the collector's host; empty: records are kept on the node only
     * @param port      its port (6514 is RFC 5425's, 514 RFC 5426's)
     * @param transport {@code tls} (RFC 5425) or {@code udp} (RFC 5426, no delivery guarantee)
     * @param sslBundle the Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>.*} or
     *                  {@code .jks.<name>.*}) with the trust material for the collector's certificate
     *                  and, for mutual TLS, this node's key; empty: the JVM's default trust store
     */
    public record Collector(@NotNull @DefaultValue("") String host, @DefaultValue("6514") int port,
            @NotNull @DefaultValue("tls") AuditSettings.Transport transport, @NotNull @DefaultValue("") String sslBundle) {

        public Collector {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("vna.audit.collector.port must be 1 to 65535: " + port);
            }
        }
    }
}
