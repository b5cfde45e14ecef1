package org.vesalius.vna.server.dicomweb;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vesalius.vna.archive.dicomweb.WadoRequest;
import org.vesalius.vna.archive.dicomweb.WadoResponse;
import org.vesalius.vna.server.retrieve.RetrieveProperties;
import org.vesalius.vna.server.web.ProblemWriter;
import org.vesalius.vna.server.web.PublicUrl;

/**
 * Writes a {@link WadoResponse} (WADO-RS, WADO-URI, QIDO-RS) to the servlet response. A client that goes away mid-stream (a
 * viewer scrolling past a series) is normal: the write fails, the body's streams are closed on
 * the way out, and one debug line is logged, no stack trace. A failure on our side after the
 * headers are out can only cut the body short: logged once as an error. The bytes sent are
 * counted ({@code vna.wado.bytes}, by media type), as they go to the client (after gzip). A body
 * that is a stored file as it is ({@link WadoResponse.FileBody}: one instance as stored, or a
 * byte range of it) is left to the container's sendfile where the connector offers it.
 */
@Component
class WadoResponseWriter {

    private static final Logger LOG = LoggerFactory.getLogger(WadoResponseWriter.class);
    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private final ProblemWriter problems;
    private final int gzipLevel;
    private final MeterRegistry registry;
    private final PublicUrl publicUrl;

    WadoResponseWriter(ProblemWriter problems, RetrieveProperties properties, MeterRegistry registry, PublicUrl publicUrl) {
        this.problems = problems;
        this.publicUrl = publicUrl;
        this.gzipLevel = properties.jsonGzipLevel();
        this.registry = registry;
    }

    /** The request's headers and the DICOMweb base URL ({@link PublicUrl}). */
    WadoRequest request(HttpServletRequest request) {
        String base = publicUrl.base(request) + "/dicomweb";
        return new WadoRequest(request.getHeader("Accept"), request.getHeader("If-None-Match"), request.getHeader("Range"), base);
    }

    void write(WadoResponse r, HttpServletRequest request, HttpServletResponse response) throws IOException {
        r.headers().forEach(h -> response.addHeader(h.name(), h.value()));
        switch (r) {
            case WadoResponse.Problem p -> problems.write(request, response, p.failure(), false);
            case WadoResponse.NotModified n -> response.setStatus(304);
            case WadoResponse.Content c -> {
                response.setStatus(c.status());
                response.setContentType(c.contentType());
                boolean gzip = gzipLevel > 0 && c.contentType().startsWith("application/dicom+json")
                        && AcceptEncoding.allowsGzip(request.getHeader("Accept-Encoding"));
                if (gzip) {
                    // Our own gzip at a fast level: a series' metadata is megabytes of very repetitive JSON,
                    // and the container's default level costs more CPU than it saves on a LAN.
                    response.setHeader("Content-Encoding", "gzip");
                    response.addHeader("Vary", "Accept-Encoding");
                } else if (c.contentLength() >= 0) {
                    response.setContentLengthLong(c.contentLength());
                }
                if ("HEAD".equals(request.getMethod())) {
                    return;
                }
                if (!gzip && c.body() instanceof WadoResponse.FileBody f && f.length() == c.contentLength()
                        && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
                    // Tomcat sends the file itself once we return (sendfile: no copy through the heap).
                    request.setAttribute(SENDFILE_FILENAME, f.file().toAbsolutePath().toString());
                    request.setAttribute(SENDFILE_START, f.offset());
                    request.setAttribute(SENDFILE_END, f.offset() + f.length());
                    sent(c.contentType()).increment(f.length());
                    return;
                }
                ClientStream out = new ClientStream(response.getOutputStream());
                try {
                    if (gzip) {
                        GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024) {
                            {
                                def.setLevel(gzipLevel);
                            }
                        };
                        c.body().writeTo(zip);
                        zip.finish();
                    } else {
                        c.body().writeTo(out);
                    }
                    out.flush();
                } catch (IOException e) {
                    if (out.failed) {
                        LOG.debug("{} {}: the client went away ({})", request.getMethod(), request.getRequestURI(), e.toString());
                        return;
                    }
                    LOG.error("{} {} broke off after the headers: {}", request.getMethod(), request.getRequestURI(), e.toString());
                    throw e;
                } catch (RuntimeException e) {
                    LOG.error("{} {} broke off after the headers: {}", request.getMethod(), request.getRequestURI(), e.toString());
                    throw e;
                } finally {
                    sent(c.contentType()).increment(out.bytes);
                }
            }
        }
    }

    private Counter sent(String contentType) {
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return Counter.builder("vna.wado.bytes")
                .description("Response body bytes sent by WADO-RS, WADO-URI and QIDO-RS, by media type")
                .baseUnit("bytes")
                .tag("media", media)
                .register(registry);
    }

    /** The response stream, counting what reached it and remembering whether a write to the client failed. */
    private static final class ClientStream extends FilterOutputStream {
        boolean failed;
        long bytes;

        ClientStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
                bytes++;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
                bytes += len;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }
}
