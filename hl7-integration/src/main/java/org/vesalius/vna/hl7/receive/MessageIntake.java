package org.vesalius.vna.hl7.receive;

import ca.uhn.hl7v2.ErrorCode;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.FailureKind;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.log.LoggedMessage;
import org.vesalius.vna.hl7.log.MessageLog;
import org.vesalius.vna.hl7.message.Acknowledgements;
import org.vesalius.vna.hl7.message.Acknowledgements.Ack;
import org.vesalius.vna.hl7.message.Hl7Reader;
import org.vesalius.vna.hl7.message.Hl7Refusal;
import org.vesalius.vna.hl7.message.Reading;
import org.vesalius.vna.hl7.orders.OrderFeed;

/**
 * What happens to one received message, whatever carried it: read it, answer a repeat (same sender,
 * same control ID and the same content as an accepted message) with the acknowledgement it had,
 * refuse another message under a control ID already used (205), else apply it, record it in the
 * message log (durable) and only then return the acknowledgement to send.
 *
 * <p>A message applied but not recorded (the log cannot be written, or the process dies between
 * the two) was not acknowledged as accepted: the sender sends it again and it is applied again,
 * which the update port makes harmless (the same values, the same merge). Messages are applied one
 * at a time, in the order they arrive: an ADT feed's order is its meaning.
 */
public final class MessageIntake {

    private static final Logger LOG = LoggerFactory.getLogger(MessageIntake.class);

    private final Hl7Reader reader;
    private final Acknowledgements acknowledgements;
    private final MessageLog log;
    private final AdtFeed adt;
    private final OrderFeed orders;
    private final Clock clock;
    private final Consumer<LoggedMessage> recorded;

    /** As {@link #MessageIntake(Hl7Reader, MessageLog, AdtFeed, Clock, Consumer)}, telling no one. */
    public MessageIntake(Hl7Reader reader, MessageLog log, AdtFeed adt, Clock clock) {
        this(reader, log, adt, clock, message -> { });
    }

    /** As {@link #MessageIntake(Hl7Reader, MessageLog, AdtFeed, OrderFeed, Clock, Consumer)}, without orders (refused, 200). */
    public MessageIntake(Hl7Reader reader, MessageLog log, AdtFeed adt, Clock clock, Consumer<LoggedMessage> recorded) {
        this(reader, log, adt, null, clock, recorded);
    }

    /**
     * {@code orders}: the feed of ORM and OMI messages, or null to refuse them (200); {@code recorded}
     * is told of every message once it is in the log (metrics).
     */
    public MessageIntake(Hl7Reader reader, MessageLog log, AdtFeed adt, OrderFeed orders, Clock clock,
            Consumer<LoggedMessage> recorded) {
        this.orders = orders;
        this.reader = Objects.requireNonNull(reader, "reader");
        this.acknowledgements = new Acknowledgements(reader);
        this.log = Objects.requireNonNull(log, "log");
        this.adt = Objects.requireNonNull(adt, "adt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        // The merges applied before, so that a loop is refused after a restart too; only they are read again.
        log.replayAccepted(message -> {
            if (AdtFeed.isMerge(message.type())) {
                Reading reading = reader.read(message.raw());
                if (reading.message() != null) {
                    adt.remember(reading.message());
                }
            }
        });
    }

    /**
     * Takes {@code raw} (one message, without MLLP framing) from {@code peer}.
     *
     * @return the acknowledgement to send
     */
    public synchronized byte[] receive(byte[] raw, String peer) {
        Reading reading = reader.read(raw);
        Optional<LoggedMessage> before = reading.key() == null ? Optional.empty() : log.accepted(reading.key());
        if (before.isPresent() && sameMessage(reader.read(before.get().raw()), reading, reader)) {
            LOG.info("HL7 {} {} from {} was accepted before (log #{}): acknowledged again, not applied again", reading.type(),
                    reading.key(), peer, before.get().sequence());
            return before.get().ack();
        }
        Ack ack;
        String outcome;
        if (before.isPresent()) {
            // Another message under a control ID this sender already used: neither the old answer nor applying it is right.
            Hl7Refusal reused = new Hl7Refusal(Hl7Refusal.Kind.REJECT, ErrorCode.DUPLICATE_KEY_IDENTIFIER, "message control ID "
                    + reading.key().controlId() + " (MSH-10) was used by another message of this sender, accepted before (log #"
                    + before.get().sequence() + ")");
            ack = acknowledgements.refused(reading, reused);
            outcome = refusal(reused);
        } else if (reading.refusal() != null) {
            ack = acknowledgements.refused(reading, reading.refusal());
            outcome = refusal(reading.refusal());
        } else {
            try {
                outcome = apply(reading, peer);
                ack = acknowledgements.accepted(reading);
            } catch (Hl7Refusal e) {
                ack = acknowledgements.refused(reading, e);
                outcome = refusal(e);
            } catch (RuntimeException e) {
                Hl7Refusal failure = failure(e);
                LOG.warn("HL7 {} {} from {} could not be applied: {}", reading.type(), reading.key(), peer, failure.getMessage(), e);
                ack = acknowledgements.refused(reading, failure);
                outcome = refusal(failure);
            }
        }
        try {
            LoggedMessage logged = log.append(new LoggedMessage(0, reading.key(), clock.instant(), peer, reading.type(),
                    reading.version(), ack.code(), outcome, raw, ack.bytes()));
            // What was done names patients: it stays in the message log (owner-only), not in the server's log.
            LOG.info("HL7 {} {} from {}: {}, log #{}", reading.type(), reading.key(), peer, ack.code(), logged.sequence());
            recorded.accept(logged);
            return ack.bytes();
        } catch (RuntimeException e) {
            LOG.error("HL7 {} {} from {}: the message log cannot be written; answered AR (207) so that it is sent again",
                    reading.type(), reading.key(), peer, e);
            return acknowledgements.refused(reading, new Hl7Refusal(Hl7Refusal.Kind.REJECT, ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "the archive cannot record the message now; send it again later", e)).bytes();
        }
    }

    /**
     * True when {@code again} is {@code first} sent again: the same type and the same segments after
     * the header, as HAPI writes them (a sender that resends may stamp a new MSH-7, or encode
     * empty fields differently).
     */
    static boolean sameMessage(Reading first, Reading again, Hl7Reader reader) {
        return first.type().equals(again.type()) && afterHeader(reader.canonical(first)).equals(afterHeader(reader.canonical(again)));
    }

    private static String afterHeader(String text) {
        int end = text.indexOf('\r');
        return end < 0 ? "" : text.substring(end + 1);
    }

    private String apply(Reading reading, String peer) {
        String type = reading.message().type();
        String source = "HL7 " + reading.message().event() + " from " + reading.key().sender() + " MSH-10 " + reading.key().controlId()
                + " (" + peer + ")";
        if ("ADT".equals(type)) {
            return adt.apply(reading.message(), source);
        }
        if (orders != null && OrderFeed.handles(type)) {
            return orders.apply(reading.message(), source);
        }
        throw new Hl7Refusal(Hl7Refusal.Kind.REJECT, ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "message type "
                + (type.isEmpty() ? "(empty MSH-9)" : type) + " is not supported (" + (orders == null ? "ADT is" : "ADT, ORM, OMI are") + ")");
    }

    /**
     * What the archive's failure means to the sender, in the terms of {@link FailureKind}: a failure
     * of the archive (the journal or the index cannot be written) is AR 207, to be sent again; a
     * value the archive cannot take is AE.
     */
    static Hl7Refusal failure(RuntimeException e) {
        if (e instanceof ArchiveException archive) {
            FailureKind kind = archive.kind();
            return new Hl7Refusal("AR".equals(kind.hl7AcknowledgmentCode()) ? Hl7Refusal.Kind.REJECT : Hl7Refusal.Kind.ERROR,
                    ErrorCode.errorCodeFor(kind.hl7ErrorCode()), archive.getMessage(), e);
        }
        if (e instanceof IllegalArgumentException) {
            return new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.DATA_TYPE_ERROR, "the archive cannot take the message's values: "
                    + e.getMessage(), e);
        }
        return new Hl7Refusal(Hl7Refusal.Kind.REJECT, ErrorCode.APPLICATION_INTERNAL_ERROR,
                "the archive could not apply the message now (" + e.getMessage() + "); send it again later", e);
    }

    private static String refusal(Hl7Refusal refusal) {
        return "refused " + refusal.code().getCode() + ": " + refusal.getMessage();
    }
}
