package org.vesalius.vna.server.hl7;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.hl7.receive.MessageIntake;

/**
 * {@code vna.hl7.*}: the HL7 v2 MLLP listener (off unless {@code enabled}; {@code ./vna start} turns it on).
 *
 * @param enabled            whether the listener runs
 * @param bindAddress        the local address (this machine only by default)
 * @param port               the TCP port
 * @param maxMessageSize     the largest message taken; a larger one has its connection reset
 * @param receiveTimeout     how often an idle connection is checked between messages
 * @param readTimeout        how long a started message may go without a byte before its connection is reset
 * @param maxConnections     senders served at once
 * @param logDirectory       where the message log lives (required when enabled)
 * @param trustedAuthorities assigning authorities of PID-3 whose identifiers are used (empty: the first identifier)
 * @param localAuthority     the assigning authority whose identifiers the archive holds without Issuer of Patient ID
 * @param access             who may send
 * @param orders             how orders (ORM, OMI) become worklist items
 * @param notifications      who is told when a study is stable or changed
 * @param tls                MLLP over TLS
 * @param apply              when an accepted ADT message is applied: {@code after-log} (the acknowledgement waits
 *                           for the message log only; the change follows in order, within milliseconds) or
 *                           {@code before-ack} (the acknowledgement waits for the journal too)
 */
@ConfigurationProperties("vna.hl7")
@Validated
public record Hl7Properties(@DefaultValue("false") boolean enabled, @NotNull @DefaultValue("127.0.0.1") String bindAddress,
        @Min(0) @Max(65535) @DefaultValue("2575") int port, @NotNull @DefaultValue("8MB") DataSize maxMessageSize,
        @NotNull @DefaultValue("15s") Duration receiveTimeout, @NotNull @DefaultValue("30s") Duration readTimeout,
        @Min(1) @DefaultValue("20") int maxConnections, Path logDirectory, @DefaultValue List<String> trustedAuthorities,
        @DefaultValue("") String localAuthority, @DefaultValue Access access, @DefaultValue Orders orders,
        @DefaultValue Notifications notifications, @DefaultValue Tls tls, @NotNull @DefaultValue("after-log") MessageIntake.Applying apply) {

    /**
     * {@code vna.hl7.access.*}.
     *
     * @param networks the addresses, CIDR blocks or host names senders may connect from (empty: loopback only
     *                 when the listener is bound to loopback; required on any other address)
     */
    public record Access(@DefaultValue List<String> networks) {
    }

    /**
     * {@code vna.hl7.orders.*}.
     *
     * @param stations the Scheduled Station AE Titles of each modality, for orders that name none
     *                 ({@code vna.hl7.orders.stations.CT=CT01,CT02}): an ORM^O01 has no field for them
     */
    public record Orders(@DefaultValue Map<String, List<String>> stations) {
    }

    /**
     * {@code vna.hl7.tls.*}: the listener speaks MLLP over TLS (plain TCP is then refused).
     *
     * @param bundle     a Spring SSL bundle ({@code spring.ssl.bundle.*}); empty: plain TCP
     * @param clientAuth {@code none}, {@code want} or {@code need}: a sender's certificate, checked
     *                   against the bundle's trust store
     */
    public record Tls(@DefaultValue("") String bundle, @NotNull @DefaultValue("none") String clientAuth) {
    }

    /**
     * {@code vna.hl7.notifications.*}: notifications of studies (ORU^R01) to MLLP receivers, through the
     * durable outbox ({@code outbox.log} in the log directory).
     *
     * @param destinations  {@code NAME=host:port}, comma-separated; none: no notifications
     * @param quietPeriod   a study is told of when no instance of it arrived for this long
     * @param scanInterval  how often the index is asked for studies that became stable
     * @param retryInitial  the wait before the second attempt; doubled after each failure
     * @param retryMax      the longest wait between attempts
     * @param sendTimeout   how long an attempt waits for the acknowledgement
     * @param viewerUrl     the viewer link of a study, {@code {study}} standing for its UID; empty: none
     * @param tlsBundle     MLLP over TLS to the destinations with this Spring SSL bundle (its trust
     *                      store checks their certificates, their host names too); empty: plain TCP
     */
    public record Notifications(@DefaultValue List<String> destinations, @NotNull @DefaultValue("60s") Duration quietPeriod,
            @NotNull @DefaultValue("5s") Duration scanInterval, @NotNull @DefaultValue("5s") Duration retryInitial,
            @NotNull @DefaultValue("10m") Duration retryMax, @NotNull @DefaultValue("30s") Duration sendTimeout,
            @DefaultValue("") String viewerUrl, @DefaultValue("") String tlsBundle) {
    }
}
