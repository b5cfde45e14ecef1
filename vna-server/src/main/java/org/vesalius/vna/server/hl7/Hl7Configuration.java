package org.vesalius.vna.server.hl7;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.orders.OrderFeed;
import org.vesalius.vna.hl7.orders.OrderSettings;
import org.vesalius.vna.hl7.adt.PatientIdentities;
import org.vesalius.vna.hl7.log.FileMessageLog;
import org.vesalius.vna.hl7.log.LoggedMessage;
import org.vesalius.vna.hl7.log.MessageLog;
import org.vesalius.vna.hl7.message.Hl7Reader;
import org.vesalius.vna.hl7.receive.MessageIntake;
import org.vesalius.vna.hl7.receive.MllpListener;
import org.vesalius.vna.hl7.receive.MllpSettings;

/**
 * The HL7 v2 listener ({@code vna.hl7.enabled}): MLLP on {@code vna.hl7.port}, each message in the
 * message log before its acknowledgement, ADT applied through the (audited) update port, orders
 * (ORM^O01, OMI^O23) to the worklist. A sender
 * refused for its address is a Security Alert audit record; every message counts in
 * {@code vna.hl7.messages} (by type and acknowledgement code).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vna.hl7.enabled", havingValue = "true")
class Hl7Configuration {

    @Bean(destroyMethod = "close")
    MessageLog hl7MessageLog(Hl7Properties properties) {
        if (properties.logDirectory() == null) {
            throw new IllegalStateException("vna.hl7.log-directory is required with vna.hl7.enabled=true: every message is recorded"
                    + " there before it is acknowledged");
        }
        return FileMessageLog.open(properties.logDirectory());
    }

    @Bean(destroyMethod = "close")
    MessageIntake hl7Intake(MessageLog log, UpdatePort updates, WorklistPort worklist, Hl7Properties properties, Clock clock,
            MeterRegistry metrics) {
        PatientIdentities identities = new PatientIdentities(new HashSet<>(properties.trustedAuthorities()), properties.localAuthority());
        OrderFeed orders = new OrderFeed(worklist, identities, new OrderSettings(properties.orders().stations()), clock);
        MessageIntake intake = new MessageIntake(new Hl7Reader(), log, new AdtFeed(updates, identities), orders, clock,
                message -> counted(metrics, message), properties.apply());
        Gauge.builder("vna.hl7.apply.pending", intake, MessageIntake::applyPending)
                .description("accepted HL7 ADT messages not yet applied (applying behind the acknowledgement)").register(metrics);
        return intake;
    }

    private static void counted(MeterRegistry metrics, LoggedMessage message) {
        String type = message.type().isEmpty() ? "unknown" : message.type().length() > 16 ? "other" : message.type();
        Counter.builder("vna.hl7.messages").description("HL7 v2 messages received, by type and acknowledgement code")
                .tag("type", type).tag("ack", message.ackCode()).register(metrics).increment();
    }

    @Bean(destroyMethod = "close")
    MllpListener hl7Listener(Hl7Properties properties, MessageIntake intake, AuditPort audit, Clock clock,
            @Value("${vna.security.insecure:false}") boolean insecure, ObjectProvider<SslBundles> sslBundles) {
        Predicate<String> admitted = Hl7Access.admitted(properties.bindAddress(), properties.access().networks(), insecure);
        MllpSettings settings = new MllpSettings(properties.bindAddress(), properties.port(),
                (int) Math.min(Integer.MAX_VALUE - 16, properties.maxMessageSize().toBytes()), properties.receiveTimeout(),
                properties.readTimeout(), properties.maxConnections(), properties.tls().bundle().isBlank() ? null
                        : MllpTls.parameters(sslBundles.getObject().getBundle(properties.tls().bundle()), properties.tls().clientAuth()));
        return MllpListener.start(settings, intake, admitted, new MllpRefusalAudit(audit, clock));
    }
}
