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
 */
@ConfigurationProperties("vna.audit")
@Validated
public record AuditProperties(@DefaultValue("false") boolean enabled, @NotNull @DefaultValue("") String sourceId,
        @NotNull @DefaultValue("") String enterpriseSiteId, @NotNull @DefaultValue("./data/audit") String queueDirectory,
        @NotNull @DefaultValue("10s") Duration retryInterval, @Valid @DefaultValue Collector collector) {

    public AuditProperties {
        if (retryInterval != null && (retryInterval.isNegative() || retryInterval.isZero())) {
            throw new IllegalArgumentException("vna.audit.retry-interval must be positive: " + retryInterval);
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
