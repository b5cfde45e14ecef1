package org.vesalius.vna.hl7.log;

import java.time.Instant;
import java.util.Objects;

/**
 * One received message as the log keeps it: its raw bytes, what was read from it, what was done
 * and the acknowledgement that was sent.
 *
 * @param sequence   position in the log, from 1, in the order messages were recorded
 * @param key        sender and control ID; null when the message had no readable MSH
 * @param receivedAt when it was recorded
 * @param peer       the sender's address
 * @param type       MSH-9 as received, e.g. {@code ADT^A08^ADT_A01} (may be empty)
 * @param version    MSH-12 (may be empty)
 * @param ackCode    MSA-1 of the acknowledgement: AA, AE, AR (or CA, CE, CR)
 * @param outcome    what was done, or why not, in words
 * @param raw        the message's bytes as received (no MLLP framing)
 * @param ack        the acknowledgement's bytes as sent
 */
public record LoggedMessage(long sequence, MessageKey key, Instant receivedAt, String peer, String type, String version,
        String ackCode, String outcome, byte[] raw, byte[] ack) {

    public LoggedMessage {
        Objects.requireNonNull(receivedAt, "receivedAt");
        peer = peer == null ? "" : peer;
        type = type == null ? "" : type;
        version = version == null ? "" : version;
        Objects.requireNonNull(ackCode, "ackCode");
        outcome = outcome == null ? "" : outcome;
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(ack, "ack");
    }

    /** True when the message was applied (accepted), so a repeat of it must not be applied again. */
    public boolean accepted() {
        return ackCode.equals("AA") || ackCode.equals("CA");
    }
}
