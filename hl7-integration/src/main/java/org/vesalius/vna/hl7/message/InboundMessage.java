package org.vesalius.vna.hl7.message;

import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.util.Objects;
import org.vesalius.vna.hl7.log.MessageKey;

/**
 * A received message, read: its header fields and the HAPI model (v2.5.1, whatever version it was
 * sent in).
 *
 * @param key            sender (MSH-3, MSH-4) and control ID (MSH-10)
 * @param type           MSH-9-1, e.g. {@code ADT}
 * @param trigger        MSH-9-2, e.g. {@code A08}
 * @param version        MSH-12-1, e.g. {@code 2.3.1}
 * @param charset        the character set of MSH-18 (or the default)
 * @param acceptAckType  MSH-15, empty in original acknowledgement mode
 * @param message        the parsed message
 */
public record InboundMessage(MessageKey key, String type, String trigger, String version, Charset charset, String acceptAckType,
        Message message) {

    public InboundMessage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** {@code ADT^A08}. */
    public String event() {
        return type + "^" + trigger;
    }

    /** True when the sender asked for enhanced acknowledgement (MSH-15 set): the answer is a commit acknowledgement. */
    public boolean enhancedMode() {
        return !acceptAckType.isEmpty();
    }
}
