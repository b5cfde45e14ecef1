package org.vesalius.vna.hl7.log;

import java.util.List;
import java.util.Optional;

/**
 * The HL7 message log: every received message, durable before its acknowledgement is sent, so that
 * a message the sender saw acknowledged is never lost, and a message sent again (same sender,
 * same control ID) is acknowledged again without being applied twice.
 */
public interface MessageLog extends AutoCloseable {

    /**
     * Records {@code message} (its sequence is ignored: the log assigns the next) and makes it
     * durable before returning.
     *
     * @return the message as recorded, with its sequence
     * @throws java.io.UncheckedIOException the log could not be written: the message must not be
     *                                      acknowledged as accepted
     */
    LoggedMessage append(LoggedMessage message);

    /** The last accepted message recorded under {@code key}, if any. */
    Optional<LoggedMessage> accepted(MessageKey key);

    /** Hands every accepted message, oldest first, to {@code each} (at start, to rebuild what depends on them). */
    void replayAccepted(java.util.function.Consumer<LoggedMessage> each);

    /**
     * The sequence up to which every accepted message is known to be applied (0 when none is). Kept
     * without flushing: after a crash it may be behind, and the messages after it are applied
     * again, which the archive's update port makes harmless (the same values, the same merge).
     */
    long appliedThrough();

    /**
     * Records that every accepted message up to {@code sequence} is applied.
     *
     * @throws java.io.UncheckedIOException the mark could not be written (the messages are applied
     *                                      again at the next start)
     */
    void applied(long sequence);

    /** The most recent messages, newest first, at most {@code limit}. */
    default List<LoggedMessage> recent(int limit) {
        return page(Long.MAX_VALUE, limit, message -> true).messages();
    }

    /**
     * A page of the log, newest first: at most {@code limit} messages that match, recorded before
     * sequence {@code before}, looking at no more than {@link #PAGE_SCAN} messages (a filter that
     * matches nothing in them gives a short page; the next one starts below the last looked at, see
     * {@link Page#next()}).
     */
    Page page(long before, int limit, java.util.function.Predicate<LoggedMessage> matching);

    /** The most messages one page looks at. */
    int PAGE_SCAN = 10_000;

    /**
     * A page of messages.
     *
     * @param messages the messages, newest first
     * @param next     the {@code before} of the following page, or 0 when the log has no older message
     */
    record Page(List<LoggedMessage> messages, long next) {

        public Page {
            messages = List.copyOf(messages);
        }
    }

    @Override
    void close();
}
