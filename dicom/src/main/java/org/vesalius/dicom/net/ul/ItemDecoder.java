package org.vesalius.dicom.net.ul;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads big-endian PDU fields from a PDU body, failing with {@link PduException} on overruns. */
final class ItemDecoder {

    private final ByteBuffer buf;

    ItemDecoder(byte[] body, int offset, int length) {
        this.buf = ByteBuffer.wrap(body, offset, length).slice();
    }

    private ItemDecoder(ByteBuffer slice) {
        this.buf = slice;
    }

    int remaining() {
        return buf.remaining();
    }

    boolean hasRemaining() {
        return buf.hasRemaining();
    }

    int u8() throws PduException {
        need(1);
        return buf.get() & 0xFF;
    }

    int u16() throws PduException {
        need(2);
        return buf.getShort() & 0xFFFF;
    }

    long u32() throws PduException {
        need(4);
        return buf.getInt() & 0xFFFFFFFFL;
    }

    void skip(int n) throws PduException {
        need(n);
        buf.position(buf.position() + n);
    }

    byte[] bytes(int n) throws PduException {
        need(n);
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /** A UID: ASCII with trailing NUL or space padding removed. */
    String uid(int n) throws PduException {
        return stripPadding(new String(bytes(n), StandardCharsets.US_ASCII));
    }

    /** An AE title field: 16 bytes, leading and trailing spaces (and NULs from sloppy peers) not significant. */
    String aeTitle() throws PduException {
        return stripPadding(new String(bytes(16), StandardCharsets.US_ASCII)).strip();
    }

    /** A decoder over the next {@code n} bytes, which this one skips. */
    ItemDecoder sub(int n) throws PduException {
        need(n);
        ByteBuffer slice = buf.slice(buf.position(), n);
        buf.position(buf.position() + n);
        return new ItemDecoder(slice);
    }

    private void need(int n) throws PduException {
        if (n > buf.remaining()) {
            throw PduException.invalid("item length " + n + " overruns its enclosing field (" + buf.remaining() + " bytes left)");
        }
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\0' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end);
    }
}
