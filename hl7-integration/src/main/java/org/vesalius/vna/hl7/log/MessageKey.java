package org.vesalius.vna.hl7.log;

import java.util.Objects;

/**
 * What makes two received messages the same message sent twice: the sender (MSH-3 sending
 * application and MSH-4 sending facility) and its message control ID (MSH-10).
 *
 * @param sender    MSH-3 and MSH-4 as received, e.g. {@code RIS|HOSPITAL}
 * @param controlId MSH-10
 */
public record MessageKey(String sender, String controlId) {

    public MessageKey {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(controlId, "controlId");
    }

    @Override
    public String toString() {
        return sender + " " + controlId;
    }
}
