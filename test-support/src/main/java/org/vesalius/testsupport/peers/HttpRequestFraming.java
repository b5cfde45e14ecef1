package org.vesalius.testsupport.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP/1.1 request framing {@link S3FaultProxy} needs: a request head, and exactly the body
 * after it ({@code Content-Length} or {@code Transfer-Encoding: chunked}), copied byte for byte.
 */
final class HttpRequestFraming {

    private HttpRequestFraming() {
    }

    /** The request head up to and including the empty line, or null at a clean end of stream. */
    static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("connection closed inside a request head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("request head over 64 KiB");
            }
        }
        return head.toByteArray();
    }

    static S3FaultProxy.Request parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return new S3FaultProxy.Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers);
    }

    /** Copies exactly the request's body, framed by {@code Transfer-Encoding: chunked} or {@code Content-Length}. */
    static void copyBody(S3FaultProxy.Request request, InputStream in, OutputStream out) throws IOException {
        if (request.headers().getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            copyChunked(in, out);
            return;
        }
        long length = Long.parseLong(request.headers().getOrDefault("content-length", "0"));
        copyExactly(in, out, length);
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in, out);
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                while (!readLine(in, out).isEmpty()) {
                    // trailers, up to the empty line
                }
                return;
            }
            copyExactly(in, out, size);
            readLine(in, out); // the CRLF after the data
        }
    }

    /** Reads (and copies) one line ending in CRLF; returns it without the CRLF. */
    private static String readLine(InputStream in, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            out.write(b);
            if (b == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                return line.substring(0, end);
            }
            line.append((char) b);
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("connection closed inside a request body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
