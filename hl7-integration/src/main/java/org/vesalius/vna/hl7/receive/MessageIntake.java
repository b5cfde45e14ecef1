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
 * <p>Two ways to apply an accepted message ({@link Applying}):
 * <ul>
 * <li>{@code AFTER_LOG} (the server's default) for ADT: the message is read and checked (a merge
 * against the merges before it), recorded in the log, acknowledged, and applied behind the
 * acknowledgement by an {@link ApplyQueue}, in order. The acknowledgement then costs one flush of
 * the log; the change reaches the journal within milliseconds and the index within a second. A
 * crash leaves the accepted messages after the log's applied mark, which are applied again at the
 * next start. Orders are applied before they are acknowledged, once every ADT change before them is.</li>
 * <li>{@code BEFORE_ACK}: every message is applied, then recorded, then acknowledged. A message
 * applied but not recorded (the log cannot be written, or the process dies between the two) was
 * not acknowledged as accepted: the sender sends it again and it is applied again, which the update
 * port makes harmless (the same values, the same merge).</li>
 * </ul>
 * Either way messages are applied one at a time, in the order they arrive: an ADT feed's order is
 * its meaning.
 */
public final class MessageIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageIntake.class);
    /** ADT changes accepted and not yet applied before the intake waits (and with it the sender). */
    private static final int QUEUE = 10_000;

    private final Hl7Reader reader;
    private final Acknowledgements acknowledgements;
    private final MessageLog log;
    private final AdtFeed adt;
    private final OrderFeed orders;
    private final Clock clock;
    private final Consumer<LoggedMessage> recorded;
    private final ApplyQueue behind;

    /** When an accepted message is applied: see the class comment. */
    public enum Applying {
        /** ADT applied behind the acknowledgement, which waits only for the log. */
        AFTER_LOG,
        /** Every message applied before it is recorded and acknowledged. */
        BEFORE_ACK
    }

    /** As {@link #MessageIntake(Hl7Reader, MessageLog, AdtFeed, Clock, Consumer)}, telling no one. */
    public MessageIntake(Hl7Reader reader, MessageLog log, AdtFeed adt, Clock clock) {
        this(reader, log, adt, clock, message -> { });
    }

    /** As {@link #MessageIntake(Hl7Reader, MessageLog, AdtFeed, OrderFeed, Clock, Consumer)}, without orders (refused, 200). */
    public MessageIntake(Hl7Reader reader, MessageLog log, AdtFeed adt, Clock clock, Consumer<LoggedMessage> recorded) {
        this(reader, log, adt, null, clock, recorded);
    }

    /** As {@link #MessageIntake(Hl7Reader, MessageLog, AdtFeed, OrderFeed, Clock, Consumer, Applying)}, applying before the acknowledgement. */
    public MessageIntake(Hl7Reader reader, MessageLog log, AdtFeed adt, OrderFeed orders, Clock clock,
            Consumer<LoggedMessage> recorded) {
        this(reader, log, adt, orders, clock, recorded, Applying.BEFORE_ACK);
    }

    /**
     * {@code orders}: the feed of ORM and OMI messages, or null to refuse them (200); {@code recorded}
     * is told of every message once it is in the log (metrics). With {@code AFTER_LOG}, the
     * accepted ADT messages after the log's applied mark are queued again now; {@link #close}
     * stops the queue.
     */
    public MessageIntake(Hl7Reader reader, MessageLog log, AdtFeed adt, OrderFeed orders, Clock clock,
            Consumer<LoggedMessage> recorded, Applying applying) {
        this.orders = orders;
        this.reader = Objects.requireNonNull(reader, "reader");
        this.acknowledgements = new Acknowledgements(reader);
        this.log = Objects.requireNonNull(log, "log");
        this.adt = Objects.requireNonNull(adt, "adt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        this.behind = applying == Applying.AFTER_LOG ? new ApplyQueue(adt, log, QUEUE) : null;
        if (behind != null) {
            behind.start();
        }
        // The merges accepted before, so that a loop is refused after a restart too; and, applying behind, the ADT
        // messages a stop or crash left unapplied (after the mark), queued again in their order.
        long appliedThrough = log.appliedThrough();
        int[] queuedAgain = {0};
        log.replayAccepted(message -> {
            boolean unapplied = behind != null && message.sequence() > appliedThrough && message.type().startsWith("ADT^");
            if (!AdtFeed.isMerge(message.type()) && !unapplied) {
                return;
            }
            Reading reading = reader.read(message.raw());
            if (reading.message() == null) {
                return;
            }
            adt.remember(reading.message());
            if (unapplied) {
                try {
                    behind.enqueue(message.sequence(), adt.accept(reading.message(), source(reading, message.peer()), false));
                    queuedAgain[0]++;
                } catch (Hl7Refusal e) {
                    LOG.error("HL7 log #{} was accepted but cannot be read as a change now, not applied: {}", message.sequence(),
                            e.getMessage());
                }
            }
        });
        if (queuedAgain[0] > 0) {
            LOG.warn("HL7: {} accepted ADT message(s) after log #{} were not known applied; applying them again", queuedAgain[0],
                    appliedThrough);
        }
    }

    /** Accepted ADT changes waiting to be applied (0 when applying before the acknowledgement). */
    public int applyPending() {
        return behind == null ? 0 : behind.pending();
    }

    /** Waits until every accepted message is applied (tests, shutdown). */
    public void awaitApplied() {
        if (behind != null) {
            behind.awaitIdle();
        }
    }

    /** Stops applying behind (what is left is applied at the next start). */
    @Override
    public void close() {
        if (behind != null) {
            behind.close();
        }
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
        AdtFeed.Change deferred = null;
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
                if (behind != null && "ADT".equals(reading.message().type())) {
                    deferred = adt.accept(reading.message(), source(reading, peer), true);
                    outcome = deferred.summary() + (deferred.changes() ? " (applied behind the acknowledgement)" : "");
                } else {
                    if (behind != null) {
                        behind.awaitIdle(); // what came before is applied first
                    }
                    outcome = apply(reading, peer);
                }
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
            if (deferred != null) {
                adt.committed(deferred);
                if (deferred.changes()) {
                    behind.enqueue(logged.sequence(), deferred);
                }
            }
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

    private static String source(Reading reading, String peer) {
        return "HL7 " + reading.message().event() + " from " + reading.key().sender() + " MSH-10 " + reading.key().controlId()
                + " (" + peer + ")";
    }

    private String apply(Reading reading, String peer) {
        String type = reading.message().type();
        String source = source(reading, peer);
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
