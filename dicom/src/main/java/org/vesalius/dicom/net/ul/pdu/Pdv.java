package org.vesalius.dicom.net.ul.pdu;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A presentation data value item (PS3.8 9.3.5.1, Annex E.2): one fragment of a command or data set.
 *
 * @param contextId the presentation context the fragment belongs to
 * @param command   message control header bit 0: command (true) or data set (false)
 * @param last      message control header bit 1: last fragment of the command or data set
 * @param data      the fragment, read-only
 */
public record Pdv(int contextId, boolean command, boolean last, ByteBuffer data) {

    /** Message control header bit 0: the fragment belongs to a command. */
    public static final int COMMAND_BIT = 0x01;
    /** Message control header bit 1: the fragment is the last one. */
    public static final int LAST_BIT = 0x02;

    public Pdv {
        AAssociateRj.checkByte(contextId, "contextId");
        data = Objects.requireNonNull(data, "data").asReadOnlyBuffer();
    }

    /** A fragment over a copy of {@code bytes}. */
    public static Pdv of(int contextId, boolean command, boolean last, byte[] bytes) {
        return new Pdv(contextId, command, last, ByteBuffer.wrap(bytes.clone()));
    }

    /** The message control header byte. */
    public int messageControlHeader() {
        return (command ? COMMAND_BIT : 0) | (last ? LAST_BIT : 0);
    }

    /** A copy of the fragment's bytes. */
    public byte[] bytes() {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return b;
    }
}
