package org.vesalius.vna.hl7.notify;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.StandardSocketFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.hl7.notify.OutboxEntry.Status;

/**
 * Delivers the outbox: one attempt at a time, the oldest due notification first (per destination
 * and patient, in order), over MLLP (or MLLP over TLS) with HAPI's client. AA or CA: delivered. AE or CE: failed, not
 * sent again (the receiver will not take it; it stays visible in the outbox). AR, CR, no answer,
 * no connection: pending, due again after the backoff. Every attempt is recorded in the outbox.
 */
public final class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final FileOutbox outbox;
    private final NotifySettings settings;
    private final Map<String, Destination> destinations;
    private final Clock clock;
    private final HapiContext context;

    public OutboxSender(FileOutbox outbox, NotifySettings settings, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.destinations = settings.destinations().stream().collect(Collectors.toMap(Destination::name, Function.identity()));
        this.context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.setLowerLayerProtocol(new MinLowerLayerProtocol(true)); // bytes in the charset of MSH-18: UTF-8
        if (settings.tls() != null) {
            context.setSocketFactory(new TlsSockets(settings.tls()));
        }
    }

    /** HAPI's sockets, the TLS ones from our context, checking the destination's name against its certificate. */
    private static final class TlsSockets extends StandardSocketFactory {

        private final SSLContext tls;

        TlsSockets(SSLContext tls) {
            this.tls = tls;
        }

        @Override
        public Socket createTlsSocket() throws IOException {
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name (or IP) must be the certificate's
            socket.setSSLParameters(parameters);
            return socket;
        }
    }

    /**
     * Attempts the notification due now, if any.
     *
     * @return the entry after the attempt, or empty when none was due
     */
    public Optional<OutboxEntry> deliverNext() {
        Instant now = clock.instant();
        Optional<OutboxEntry> due = outbox.due(now);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        OutboxEntry entry = due.get();
        Destination destination = destinations.get(entry.destination());
        if (destination == null) {
            return Optional.of(outbox.attempted(entry.id(), Status.FAILED, "destination " + entry.destination()
                    + " is no longer configured", now));
        }
        String outcome;
        Status status;
        try {
            String code = send(destination, new String(entry.message(), StandardCharsets.UTF_8));
            outcome = code;
            status = switch (code.split(" ", 2)[0]) {
                case "AA", "CA" -> Status.DELIVERED;
                case "AE", "CE" -> Status.FAILED;
                default -> Status.PENDING;
            };
        } catch (HL7Exception | LLPException | IOException | RuntimeException e) {
            outcome = "not delivered: " + e.getMessage();
            status = Status.PENDING;
        }
        Instant next = status == Status.PENDING ? clock.instant().plus(settings.backoff(entry.attempts() + 1)) : clock.instant();
        OutboxEntry after = outbox.attempted(entry.id(), status, outcome, next);
        if (status == Status.DELIVERED) {
            LOG.info("HL7 notification #{} of study {} delivered to {} ({})", entry.id(), entry.study(), destination, outcome);
        } else {
            LOG.warn("HL7 notification #{} of study {} to {}: {}{}", entry.id(), entry.study(), destination, outcome,
                    status == Status.PENDING ? "; again at " + next : "; not sent again");
        }
        return Optional.of(after);
    }

    /** Sends {@code text} and returns the acknowledgement's MSA-1 (and ERR-3 code). */
    private String send(Destination d, String text) throws HL7Exception, LLPException, IOException {
        Message message = context.getPipeParser().parse(text);
        Connection connection = context.newClient(d.host(), d.port(), settings.tls() != null);
        try {
            connection.getInitiator().setTimeout(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Terser ack = new Terser(connection.getInitiator().sendAndReceive(message));
            String error = ack.get("/ERR-3-1");
            return ack.get("/MSA-1") + (error == null || error.isEmpty() ? "" : " " + error);
        } finally {
            connection.close();
        }
    }

    /** Closes HAPI's context. */
    public void close() {
        try {
            context.close();
        } catch (IOException e) {
            LOG.debug("closing HAPI's context: {}", e.toString());
        }
    }
}
