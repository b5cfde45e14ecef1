package org.vesalius.vna.server.hl7;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.update.UpdateFeature;
import org.vesalius.vna.hl7.notify.Destination;
import org.vesalius.vna.hl7.notify.FileOutbox;
import org.vesalius.vna.hl7.notify.NotifySettings;
import org.vesalius.vna.hl7.notify.OutboxSender;
import org.vesalius.vna.hl7.notify.StudyLinks;
import org.vesalius.vna.hl7.notify.StudyNotifications;
import org.vesalius.vna.hl7.notify.StudyNotifier;
import org.vesalius.vna.server.web.PublicUrl;

/**
 * Notifications of studies to MLLP receivers ({@code vna.hl7.notifications.destinations}, with the HL7
 * listener on): the outbox ({@code outbox.log} beside the message log), the scan for stable studies
 * and the delivery, and the gauge {@code vna.hl7.outbox.pending}. ADT changes are told of through
 * the intake's update port ({@link Hl7Configuration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${vna.hl7.enabled:false} and '${vna.hl7.notifications.destinations:}' != ''")
class Hl7NotifyConfiguration {

    @Bean(destroyMethod = "close")
    FileOutbox hl7Outbox(Hl7Properties properties, MeterRegistry metrics) {
        Path directory = properties.logDirectory();
        if (directory == null) {
            throw new IllegalStateException("vna.hl7.log-directory is required with vna.hl7.notifications.destinations: the outbox lives there");
        }
        FileOutbox outbox = FileOutbox.open(directory);
        Gauge.builder("vna.hl7.outbox.pending", outbox, FileOutbox::pending)
                .description("HL7 notifications not yet acknowledged by their destination").register(metrics);
        return outbox;
    }

    @Bean
    NotifySettings hl7NotifySettings(Hl7Properties properties, PublicUrl publicUrl, Environment environment,
            ObjectProvider<SslBundles> sslBundles) {
        Hl7Properties.Notifications n = properties.notifications();
        return new NotifySettings(destinations(n.destinations()), n.quietPeriod(), n.scanInterval(), n.retryInitial(), n.retryMax(),
                n.sendTimeout(), new StudyLinks(base(publicUrl, environment), n.viewerUrl()),
                n.tlsBundle().isBlank() ? null : sslBundles.getObject().getBundle(n.tlsBundle()).createSslContext());
    }

    @Bean
    StudyNotifier hl7Notifier(FileOutbox outbox, QueryPort queries, NotifySettings settings, IndexQueue queue, UpdateFeature updates,
            Clock clock) {
        // Keeping up: fewer than a thousand instances wait for the index. In steady ingest the few that wait are seconds old (the
        // scan's 10-minute overlap covers them); "none waits" would hold the watermark still for as long as ingest goes on.
        StudyNotifier notifier = new StudyNotifier(outbox, queries, settings, () -> queue.count(1_000) < 1_000);
        // A patient update or merge: its studies are told of as changed once the index shows it (their new values, their new patient).
        updates.whenIndexed((patient, sequence) -> notifier.changedLater(patient, "journal " + sequence, clock.instant()));
        return notifier;
    }

    @Bean(destroyMethod = "close")
    StudyNotifications hl7Notifications(StudyNotifier notifier, FileOutbox outbox, NotifySettings settings, Clock clock) {
        return StudyNotifications.start(notifier, new OutboxSender(outbox, settings, clock), outbox, settings, clock);
    }

    /** {@code NAME=host:port} each. */
    static List<Destination> destinations(List<String> configured) {
        List<Destination> out = new ArrayList<>();
        for (String d : configured) {
            int eq = d.indexOf('=');
            int colon = d.lastIndexOf(':');
            if (eq <= 0 || colon < eq) {
                throw new IllegalArgumentException("vna.hl7.notifications.destinations: '" + d + "' is not NAME=host:port");
            }
            try {
                out.add(new Destination(d.substring(0, eq).strip(), d.substring(eq + 1, colon).strip(),
                        Integer.parseInt(d.substring(colon + 1).strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("vna.hl7.notifications.destinations: '" + d + "' has no port number", e);
            }
        }
        return out;
    }

    /** The links' base: {@code vna.http.public-url}, else this server's own address (set the former for links others can follow). */
    private static String base(PublicUrl publicUrl, Environment environment) {
        if (publicUrl.configured() != null) {
            return publicUrl.configured();
        }
        String address = environment.getProperty("server.address", "127.0.0.1");
        if (address.equals("0.0.0.0") || address.equals("::")) {
            address = "localhost";
        }
        String scheme = environment.getProperty("server.ssl.bundle") == null ? "http" : "https";
        return scheme + "://" + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":"
                + environment.getProperty("server.port", "8080");
    }
}
