package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps a copy of every byte a parser pulls from a stream, up to a limit, so that the header it
 * parsed can be spliced and sent on, followed by the untouched rest of the stream. Closing it does
 * not close the stream underneath.
 */
final class CapturingInputStream extends InputStream {

    private final InputStream in;
    private final long limit;
    private byte[] buf = new byte[16 * 1024];
    private int count;

    CapturingInputStream(InputStream in, long limit) {
        this.in = in;
        this.limit = Math.min(limit, Integer.MAX_VALUE - 64);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (count >= limit) {
            throw new IOException("the header is longer than " + limit + " bytes");
        }
        int n = in.read(b, off, (int) Math.min(len, limit - count));
        if (n > 0) {
            if (count + n > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max((long) buf.length * 2, count + n), limit));
            }
            System.arraycopy(b, off, buf, count, n);
            count += n;
        }
        return n;
    }

    /** The bytes read so far (the array may be longer: see {@link #count()}). */
    byte[] buffer() {
        return buf;
    }

    int count() {
        return count;
    }

    @Override
    public void close() {
        // The stream underneath belongs to the caller.
    }
}
