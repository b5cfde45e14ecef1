package org.vesalius.vna.archive.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Sits between the sender's stream and the header parser and keeps a copy of every byte the
 * parser pulls, up to a hard limit. After the parse, {@link #captured()} followed by the untouched
 * rest of the sender's stream is the whole object, byte for byte, whatever the parser read ahead.
 * Closing it does not close the sender's stream. Ingest parses incoming objects through it;
 * retrieval parses stored headers through it to splice them.
 */
public final class HeaderCapture extends InputStream {

    /** Thrown when the parser pulls more than the limit: the header does not fit in memory. */
    public static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(long limit) {
            super("more than " + limit + " bytes read before the end of the header");
        }
    }

    /** Called after each read that captured bytes (ingest's heap accounting); may stop the parse by throwing. */
    interface Watcher {
        void captured(HeaderCapture capture) throws IOException;
    }

    private final InputStream in;
    private final long limit;
    private Watcher watcher;
    private byte[] buf = new byte[16 * 1024];
    private int count;

    /** Captures what is read from {@code in}, failing with {@link LimitExceeded} beyond {@code limit} bytes. */
    public HeaderCapture(InputStream in, long limit) {
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
            throw new LimitExceeded(limit);
        }
        int n = in.read(b, off, (int) Math.min(len, limit - count));
        if (n > 0) {
            ensure(count + n);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            if (watcher != null) {
                watcher.captured(this);
            }
        }
        return n;
    }

    /** Calls {@code w} after each read that captured bytes. */
    void watch(Watcher w) {
        this.watcher = w;
    }

    /** Bytes captured so far. */
    public long count() {
        return count;
    }

    /** The buffer holding the captured bytes from index 0 (it may be longer than {@link #count()}). */
    public byte[] buffer() {
        return buf;
    }

    /** The captured bytes, from the first one. */
    InputStream captured() {
        return new ByteArrayInputStream(buf, 0, count);
    }

    /** The sender's stream: what follows the captured bytes. */
    InputStream rest() {
        return in;
    }

    @Override
    public void close() {
        // The sender's stream belongs to the caller.
    }

    private void ensure(int needed) {
        if (needed > buf.length) {
            long grown = Math.max((long) buf.length * 2, needed);
            buf = Arrays.copyOf(buf, (int) Math.min(grown, limit));
        }
    }
}
