package org.vesalius.vna.archive.dicomweb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.HttpFailure;

/**
 * What a WADO-RS, WADO-URI or QIDO-RS request gets back, for the HTTP edge to write: a problem
 * (RFC 9457), "not modified", or content that streams itself once the headers are out.
 */
public sealed interface WadoResponse {

    /** An HTTP header. */
    record Header(String name, String value) {
    }

    /** HTTP status. */
    int status();

    /** Headers besides Content-Type and Content-Length. */
    List<Header> headers();

    /**
     * The request cannot be answered as asked: an archive failure, whose HTTP terms
     * {@link HttpFailure} decides (400, 404, 406, 416, 503, ...).
     *
     * @param failure what went wrong
     * @param headers headers of this answer besides those of the failure (a 416's {@code Content-Range})
     */
    record Problem(ArchiveException failure, List<Header> headers) implements WadoResponse {
        public Problem {
            Objects.requireNonNull(failure, "failure");
            headers = List.copyOf(headers);
        }

        /** A problem with no headers of its own. */
        public Problem(ArchiveException failure) {
            this(failure, List.of());
        }

        @Override
        public int status() {
            return HttpFailure.of(failure).status();
        }

        /** The failure's message. */
        public String detail() {
            return failure.getMessage();
        }
    }

    /** The client's copy is current (304). */
    record NotModified(List<Header> headers) implements WadoResponse {
        public NotModified {
            headers = List.copyOf(headers);
        }

        @Override
        public int status() {
            return 304;
        }
    }

    /**
     * Content (200, or 206 for a byte range or a partial multi-instance answer).
     *
     * @param contentLength the body's length, or -1 when it is not known before it is written
     */
    record Content(int status, String contentType, long contentLength, List<Header> headers, Body body) implements WadoResponse {
        public Content {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = List.copyOf(headers);
        }
    }

    /** Writes a body. An IOException from {@code out} means the client went away: stop, release, rethrow. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A body that is {@code length} bytes of a local file from {@code offset}: the HTTP edge may
     * have the container send the file itself (sendfile: no copy through the heap), or write it
     * as any body.
     */
    record FileBody(java.nio.file.Path file, long offset, long length, Body fallback) implements Body {
        public FileBody {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(fallback, "fallback");
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            fallback.writeTo(out);
        }
    }
}
