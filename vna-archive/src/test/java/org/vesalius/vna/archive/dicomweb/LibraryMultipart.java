package org.vesalius.vna.archive.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * The two streaming MIME libraries the issue names, each behind the shape of our
 * {@link MultipartReader} ({@code next()} gives a part whose content streams until the next
 * delimiter): what {@code MultipartThroughputBench} measures and {@code MultipartLibrariesTest}
 * holds to our reader's rules. Test scope only: the archive reads STOW-RS bodies with
 * {@link MultipartReader} (vna-archive README, "STOW-RS multipart: ours, measured").
 */
final class LibraryMultipart {

    private LibraryMultipart() {
    }

    /** Part by part, as {@link MultipartReader#next()}. */
    interface Parts {
        MultipartReader.Part next() throws IOException;
    }

    static Parts ours(InputStream body, String boundary) {
        return new MultipartReader(body, boundary)::next;
    }

    /** Apache James Mime4j's pull parser, headless (the body of a request whose Content-Type is given). */
    static Parts mime4j(InputStream body, String boundary) {
        MimeConfig config = MimeConfig.custom()
                .setStrictParsing(true)
                .setMaxLineLen(-1)              // binary parts have "lines" of any length
                .setMaxHeaderLen(MultipartReader.MAX_HEADER_BYTES)
                .setMaxContentLen(-1)
                .setMaxPartCount(-1)
                .build();
        MimeTokenStream stream = new MimeTokenStream(config);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parseHeadless(body, "multipart/related; type=\"application/dicom\"; boundary=\"" + boundary + "\"");
        int[] index = {0};
        return () -> {
            try {
                Map<String, String> headers = null;
                for (EntityState s = stream.next(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                    switch (s) {
                        case T_START_HEADER -> headers = new LinkedHashMap<>();
                        case T_FIELD -> headers.putIfAbsent(stream.getField().getName().strip().toLowerCase(Locale.ROOT),
                                stream.getField().getBody().strip());
                        case T_BODY -> {
                            return new MultipartReader.Part(++index[0], headers, stream.getInputStream());
                        }
                        default -> {
                        }
                    }
                }
                return null;
            } catch (MimeException e) {
                throw new MultipartException(e.getMessage());
            }
        };
    }

    /** Commons FileUpload 2's streaming {@code MultipartInput} (the core of its streaming API). */
    static Parts fileUpload(InputStream body, String boundary) throws IOException {
        MultipartInput input = MultipartInput.builder().setInputStream(body)
                .setBoundary(boundary.getBytes(StandardCharsets.ISO_8859_1))
                .setMaxPartHeaderSize(MultipartReader.MAX_HEADER_BYTES).get();
        boolean[] state = {false, false}; // started, more parts
        InputStream[] current = {null};
        int[] index = {0};
        return () -> {
            try {
                if (!state[0]) {
                    state[0] = true;
                    state[1] = input.skipPreamble();
                } else {
                    current[0].close(); // skips what the caller left unread
                    state[1] = input.readBoundary();
                }
                if (!state[1]) {
                    return null;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line : input.readHeaders().split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                    }
                }
                current[0] = input.newInputStream();
                return new MultipartReader.Part(++index[0], headers, current[0]);
            } catch (org.apache.commons.fileupload2.core.FileUploadException e) {
                throw new MultipartException(e.getMessage());
            }
        };
    }
}
