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

    /** The most recent messages, newest first, at most {@code limit}. */
    List<LoggedMessage> recent(int limit);

    @Override
    void close();
}
