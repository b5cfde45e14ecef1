package org.vesalius.vna.archive.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@code multipart/related} body (RFC 2387 / 2046) part by part as the parts stream:
 * each part has a Content-Type, a Content-Location when there is one, and a Content-Length when
 * it is known.
 */
final class MultipartWriter {

    private final OutputStream out;
    private final String boundary;
    private boolean first = true;

    MultipartWriter(OutputStream out, String boundary) {
        this.out = out;
        this.boundary = boundary;
    }

    /** The headers of one part, with the delimiter in front of them. */
    static byte[] partHeader(String boundary, boolean first, String contentType, String contentLocation, long length) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(first ? "" : "\r\n").append("--").append(boundary).append("\r\n");
        sb.append("Content-Type: ").append(contentType).append("\r\n");
        if (contentLocation != null) {
            sb.append("Content-Location: ").append(contentLocation).append("\r\n");
        }
        if (length >= 0) {
            sb.append("Content-Length: ").append(length).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The close delimiter. */
    static byte[] close(String boundary, boolean empty) {
        return ((empty ? "" : "\r\n") + "--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes one part, streaming {@code content} (closed afterwards). */
    void part(String contentType, String contentLocation, long length, InputStream content) throws IOException {
        try (content) {
            out.write(partHeader(boundary, first, contentType, contentLocation, length));
            first = false;
            content.transferTo(out);
        }
    }

    /** Writes one part of unknown length whose content {@code body} writes (a transcoding). */
    void part(String contentType, String contentLocation, WadoResponse.Body body) throws IOException {
        out.write(partHeader(boundary, first, contentType, contentLocation, -1));
        first = false;
        body.writeTo(out);
    }

    void finish() throws IOException {
        out.write(close(boundary, first));
        out.flush();
    }
}
