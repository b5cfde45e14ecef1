package org.vesalius.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * A buffered input that knows its position, can give back the last few bytes it read (so a
 * reader can stop in front of an element header), and never allocates from a length it was told:
 * only from bytes that actually arrived, or that the input's known length (a file's size) shows
 * are there.
 */
final class ByteSource {

    /**
     * Values up to this size are allocated at once; larger ones grow as their bytes arrive, unless
     * the input's known length shows they are there.
     */
    private static final int EAGER_ALLOCATION_LIMIT = 1 << 20;
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    /**
     * The buffer starts this small (a typical header fits, and a parse that stops before Pixel
     * Data then neither allocates nor fills a full-size buffer) and takes the size the owner asked
     * for once it has been refilled, that is once the input has shown it is longer.
     */
    private static final int INITIAL_BUFFER_SIZE = 8 * 1024;

    private InputStream in;
    private byte[] buf;
    private final int maxBufferSize;
    /** Reads into the buffer that brought bytes: from the second one on, the buffer is enlarged. */
    private int bufferReads;
    private int pos;
    private int limit;
    /** Stream position of buf[0]. */
    private long base;
    private boolean eof;
    /** Bytes remaining in the input when known (from a file size), else -1. */
    private long knownLength;

    ByteSource(InputStream in, int bufferSize, long knownLength) {
        this.in = in;
        this.maxBufferSize = Math.max(bufferSize, 256);
        this.buf = new byte[Math.min(maxBufferSize, INITIAL_BUFFER_SIZE)];
        this.knownLength = knownLength;
    }

    long position() {
        return base + pos;
    }

    /** True when the total input length is known, so oversize lengths can be refused up front. */
    boolean lengthKnown() {
        return knownLength >= 0;
    }

    long remainingKnown() {
        return knownLength - position();
    }

    /** Tries to have {@code n} contiguous bytes buffered; returns how many are (at most n). */
    int fill(int n) throws IOException {
        if (limit - pos >= n) {
            return n;
        }
        if (pos > 0 && buf.length - pos < n) {
            int kept = limit - pos;
            if (buf.length < maxBufferSize && bufferReads > 1) {
                // The input outgrew the initial buffer: read in full-size chunks from now on.
                byte[] bigger = new byte[maxBufferSize];
                System.arraycopy(buf, pos, bigger, 0, kept);
                buf = bigger;
            } else {
                System.arraycopy(buf, pos, buf, 0, kept);
            }
            base += pos;
            pos = 0;
            limit = kept;
        }
        if (buf.length < n) {
            buf = Arrays.copyOf(buf, n);
        }
        while (limit - pos < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
                if (r > 0 && bufferReads < 2) {
                    bufferReads++;
                }
            }
        }
        return Math.min(n, limit - pos);
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return fill(1) == 0;
    }

    int available() {
        return limit - pos;
    }

    byte[] buffer() {
        return buf;
    }

    int bufferPosition() {
        return pos;
    }

    void advance(int n) {
        pos += n;
    }

    /** Steps back over bytes just read; only the still-buffered bytes can be given back. */
    void unread(int n) {
        if (n > pos) {
            throw new IllegalStateException("cannot unread " + n + " bytes");
        }
        pos -= n;
    }

    /** Reads exactly {@code len} bytes; returns the number read, less only at end of input. */
    int read(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        int buffered = Math.min(len, limit - pos);
        if (buffered > 0) {
            System.arraycopy(buf, pos, dst, off, buffered);
            pos += buffered;
            done = buffered;
        }
        while (done < len && !eof) {
            if (len - done >= buf.length) {
                int r = in.read(dst, off + done, len - done);
                if (r < 0) {
                    eof = true;
                } else {
                    done += r;
                    base += r;
                }
            } else {
                int got = fill(len - done);
                System.arraycopy(buf, pos, dst, off + done, got);
                pos += got;
                done += got;
                if (got == 0) {
                    break;
                }
            }
        }
        return done;
    }

    /**
     * Reads a value of {@code length} bytes into a new array, growing the array only as bytes
     * arrive (unless the input's known length shows they are there). Returns null when the input
     * ends first (the caller reports the truncation).
     */
    byte[] readValue(int length) throws IOException {
        // A known input length (a file's size) is a fact about the bytes present, as for checkFits.
        if (length <= EAGER_ALLOCATION_LIMIT || lengthKnown() && length <= remainingKnown()) {
            byte[] value = new byte[length];
            return read(value, 0, length) == length ? value : null;
        }
        byte[] value = new byte[EAGER_ALLOCATION_LIMIT];
        int filled = 0;
        while (filled < length) {
            if (filled == value.length) {
                value = Arrays.copyOf(value, (int) Math.min(length, (long) value.length * 2));
            }
            int r = read(value, filled, value.length - filled);
            if (r <= 0) {
                return null;
            }
            filled += r;
        }
        return value;
    }

    /** Skips {@code n} bytes; returns the number skipped, less only at end of input. */
    long skip(long n) throws IOException {
        long done = Math.min(n, limit - pos);
        pos += (int) done;
        while (done < n && !eof) {
            long s = in.skip(n - done);
            if (s > 0) {
                done += s;
                base += s;
            } else {
                // skip() may return 0 without being at the end: confirm with a read.
                int got = fill(1);
                if (got == 0) {
                    break;
                }
                int step = (int) Math.min(n - done, limit - pos);
                pos += step;
                done += step;
            }
        }
        return done;
    }

    /** A view of the next {@code length} bytes; closing it skips what was not read. */
    InputStream bounded(long length) {
        return new BoundedStream(length);
    }

    /** Everything from the current position on: the buffered bytes, then the underlying input. */
    InputStream remaining() {
        // A copy: the buffer is reused if the source is switched to read from this stream.
        InputStream buffered = new java.io.ByteArrayInputStream(Arrays.copyOfRange(buf, pos, limit));
        base += limit;
        pos = 0;
        limit = 0;
        return new SequenceInputStream(buffered, in);
    }

    /**
     * Switches to another input (for instance an inflater over the rest of this one); positions
     * restart at {@code newBase}.
     */
    void switchTo(InputStream next, long newBase) {
        this.in = next;
        this.pos = 0;
        this.limit = 0;
        this.base = newBase;
        this.eof = false;
        this.knownLength = -1;
    }

    private final class BoundedStream extends InputStream {
        private long left;

        BoundedStream(long length) {
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            int r = ByteSource.this.read(b, off, n);
            if (r <= 0) {
                return -1;
            }
            left -= r;
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = ByteSource.this.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        long left() {
            return left;
        }

        @Override
        public void close() throws IOException {
            if (left > 0) {
                left -= ByteSource.this.skip(left);
            }
        }
    }

    /** How many bytes of a {@link #bounded} view were not delivered (after close: only at end of input). */
    static long unreadOf(InputStream bounded) {
        return ((BoundedStream) bounded).left();
    }
}
