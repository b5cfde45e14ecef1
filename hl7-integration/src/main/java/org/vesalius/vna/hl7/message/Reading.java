package org.vesalius.vna.hl7.message;

import ca.uhn.hl7v2.model.Segment;
import java.nio.charset.Charset;
import org.vesalius.vna.hl7.log.MessageKey;

/**
 * What {@link Hl7Reader} made of received bytes: the message, or why it cannot be used, with as
 * much of the header as was readable.
 *
 * @param text     the decoded text, segments ended by CR
 * @param charset  the character set it was decoded with
 * @param header   the MSH segment, or null when unreadable
 * @param key      sender and control ID, or null when unreadable
 * @param type     MSH-9-1^MSH-9-2 ("" when unreadable)
 * @param version  MSH-12 ("" when unreadable)
 * @param message  the message, or null when refused
 * @param refusal  why it was refused, or null
 */
public record Reading(String text, Charset charset, Segment header, MessageKey key, String type, String version, InboundMessage message,
        Hl7Refusal refusal) {

    static Reading refused(String text, Charset charset, Segment header, MessageKey key, String type, String version, Hl7Refusal refusal) {
        return new Reading(text, charset, header, key, type, version, null, refusal);
    }
}
