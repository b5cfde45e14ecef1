package org.vesalius.dicom.net.ul;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends big-endian PDU fields; length fields are reserved first and patched once the item is written. */
final class ItemEncoder {

    private byte[] buf = new byte[256];
    private int size;

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    ItemEncoder u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    ItemEncoder u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >> 8);
        buf[size++] = (byte) v;
        return this;
    }

    ItemEncoder u32(long v) {
        ensure(4);
        buf[size++] = (byte) (v >> 24);
        buf[size++] = (byte) (v >> 16);
        buf[size++] = (byte) (v >> 8);
        buf[size++] = (byte) v;
        return this;
    }

    ItemEncoder bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    ItemEncoder zeros(int n) {
        ensure(n);
        size += n;
        return this;
    }

    ItemEncoder ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** An AE title padded with spaces to 16 bytes. */
    ItemEncoder aeTitle(String title) {
        if (title.length() > 16 || !StandardCharsets.US_ASCII.newEncoder().canEncode(title)) {
            throw new IllegalArgumentException("AE title must be at most 16 ASCII characters: '" + title + "'");
        }
        ascii(title);
        for (int i = title.length(); i < 16; i++) {
            u8(' ');
        }
        return this;
    }

    /** Starts an item with a 2-byte length: writes type and reserved byte, returns the length's position. */
    int beginItem(int type) {
        u8(type).u8(0);
        int at = size;
        u16(0);
        return at;
    }

    /** Patches the 2-byte length at {@code at} to cover everything written after it. */
    void endItem(int at) {
        int length = size - at - 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("item longer than 65535 bytes");
        }
        buf[at] = (byte) (length >> 8);
        buf[at + 1] = (byte) length;
    }

    /** Patches a 4-byte length at {@code at}. */
    void patch32(int at, long v) {
        buf[at] = (byte) (v >> 24);
        buf[at + 1] = (byte) (v >> 16);
        buf[at + 2] = (byte) (v >> 8);
        buf[at + 3] = (byte) v;
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
