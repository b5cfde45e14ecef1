package org.vesalius.vna.archive.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a MIME multipart body (RFC 2046 §5.1) part by part, streaming: each part's content is an
 * {@link InputStream} that ends at the next boundary delimiter, and nothing is held but one
 * buffer of {@value #BUFFER_SIZE} bytes, whatever the parts' sizes.
 *
 * <ul>
 *   <li>Delimiters are CRLF, "--", the boundary; the first may open the body without a CRLF.
 *       The preamble before it is skipped; transport padding (spaces, tabs) after a delimiter is
 *       allowed; the epilogue after the close delimiter is never read.</li>
 *   <li>Part headers end at an empty line (CRLF, or a bare LF from lenient writers); at most
 *       {@value #MAX_HEADER_BYTES} bytes of them.</li>
 *   <li>A body without any delimiter (a wrong boundary), one that ends inside a part (a
 *       truncated request), and oversized headers are {@link MultipartException}s, thrown by
 *       {@link #next()} or by the part's stream, and remembered ({@link #failure()}).</li>
 * </ul>
 * Not thread-safe.
 */
public final class MultipartReader {

    static final int BUFFER_SIZE = 64 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /** One part: its headers (names in lower case) and its content, valid until the next {@link #next()}. */
    public record Part(int index, Map<String, String> headers, InputStream content) {

        /** The part's Content-Type header, if any. */
        public java.util.Optional<String> contentType() {
            return java.util.Optional.ofNullable(headers.get("content-type"));
        }
    }

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final int[] skip = new int[256]; // Horspool: how far the search may move on, by the window's last byte
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    private int clearUpTo; // no delimiter starts in buf[pos, clearUpTo): small reads do not search the buffer again
    private boolean eof;
    private boolean started;
    private boolean closed;
    private int parts;
    private PartStream current;
    private IOException failure;

    /**
     * @param body     the body, positioned at its first byte
     * @param boundary the boundary parameter of the Content-Type (1 to 70 characters)
     */
    public MultipartReader(InputStream body, String boundary) {
        this.in = Objects.requireNonNull(body, "body");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("a boundary has 1 to 70 characters");
        }
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Arrays.fill(skip, delimiter.length);
        for (int j = 0; j < delimiter.length - 1; j++) {
            skip[delimiter[j] & 0xFF] = delimiter.length - 1 - j;
        }
        // The CRLF before the first delimiter belongs to the delimiter, and the body may open with
        // the delimiter itself: begin with a virtual CRLF.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /**
     * The next part, or null after the close delimiter. Skips what the previous part's reader left
     * unread.
     *
     * @throws MultipartException the body breaks the syntax (see the class comment)
     * @throws IOException        reading the body failed
     */
    public Part next() throws IOException {
        if (closed) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                PartStream preamble = new PartStream(true);
                preamble.drain();
            } else if (current != null) {
                current.drain();
            }
            current = null;
            // After a delimiter: "--" closes the body; else optional padding, then a line break.
            if (!fill(2)) {
                throw new MultipartException("the body ends right after a boundary delimiter, without the close delimiter");
            }
            if (buf[pos] == '-' && buf[pos + 1] == '-') {
                pos += 2;
                closed = true;
                return null;
            }
            while (fill(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
                pos++;
            }
            if (fill(2) && buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
            } else if (fill(1) && buf[pos] == '\n') {
                pos++;
            } else {
                throw new MultipartException("a boundary delimiter is followed by something other than a line break"
                        + " (the boundary occurs inside a part?)");
            }
            Map<String, String> headers = readHeaders();
            current = new PartStream(false);
            return new Part(++parts, headers, current);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** The syntax or read error that ended the body, if one did. */
    public IOException failure() {
        return failure;
    }

    /** How many parts were started. */
    public int partCount() {
        return parts;
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (!fill(1)) {
                    throw new MultipartException("the body ends inside the headers of part " + (parts + 1));
                }
                byte b = buf[pos++];
                if (++total > MAX_HEADER_BYTES) {
                    throw new MultipartException("the headers of part " + (parts + 1) + " exceed " + MAX_HEADER_BYTES + " bytes");
                }
                if (b == '\n') {
                    break;
                }
                line.append((char) (b & 0xFF));
            }
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                line.setLength(end - 1);
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(":");
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
    }

    /** Tries to have {@code n} bytes buffered; false when the body ends first. */
    private boolean fill(int n) throws IOException {
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                clearUpTo = Math.max(0, clearUpTo - pos);
                pos = 0;
            }
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return true;
    }

    /**
     * Index of the next delimiter in the buffer at or after {@code pos}, or -1. Boyer-Moore-Horspool:
     * a window whose last byte cannot end a delimiter moves on by up to the delimiter's length,
     * which is what lets multi-gigabyte parts through at memory speed (README, "STOW-RS multipart").
     */
    private int findDelimiter() {
        int n = delimiter.length;
        byte lastByte = delimiter[n - 1];
        int i = Math.max(pos, clearUpTo);
        int last = limit - n;
        while (i <= last) {
            byte b = buf[i + n - 1];
            if (b == lastByte && Arrays.equals(buf, i, i + n - 1, delimiter, 0, n - 1)) {
                clearUpTo = i;
                return i;
            }
            i += skip[b & 0xFF];
        }
        clearUpTo = Math.min(i, limit);
        return -1;
    }

    /** A part's content: the bytes up to the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {
        private final boolean preamble;
        private boolean done;

        PartStream(boolean preamble) {
            this.preamble = preamble;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                while (true) {
                    int at = findDelimiter();
                    if (at == pos) {
                        pos += delimiter.length;
                        done = true;
                        return -1;
                    }
                    int available = at >= 0 ? at - pos : limit - pos - (delimiter.length - 1);
                    if (available > 0) {
                        int n = Math.min(len, available);
                        System.arraycopy(buf, pos, b, off, n);
                        pos += n;
                        return n;
                    }
                    // Fewer bytes than a delimiter are buffered: one more byte may complete it
                    // (the close delimiter is followed by only "--" and maybe a CRLF).
                    if (!fill(limit - pos + 1)) {
                        throw new MultipartException(preamble
                                ? "no boundary delimiter in the body: the boundary parameter does not match the body"
                                : "the body ends inside part " + parts + ", before its boundary delimiter");
                    }
                }
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        void drain() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discard
            }
        }
    }
}
