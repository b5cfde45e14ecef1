package org.vesalius.vna.archive.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private static final String B = "d1c0m-b0undary";

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    private static List<String> readAll(InputStream body, String boundary) throws IOException {
        MultipartReader reader = new MultipartReader(body, boundary);
        List<String> out = new ArrayList<>();
        MultipartReader.Part part;
        while ((part = reader.next()) != null) {
            out.add(part.contentType().orElse("-") + "|" + new String(part.content().readAllBytes(), ISO_8859_1));
        }
        return out;
    }

    @Test
    void readsPartsWithPreambleHeadersPaddingAndEpilogue() throws IOException {
        String body = "This is the preamble.\r\n--" + B + "  \t\r\n"
                + "Content-Type: application/dicom\r\nContent-Location: a\r\n\r\n"
                + "first\r\n-- not a boundary\r\n--" + B + "X is not one either? no: it is a prefix\r\n"
                + "\r\n--" + B + "\r\n"
                + "content-type: application/dicom\r\n\r\n"
                + "second\r\n--" + B + "--\r\nepilogue, never read";

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(body)), B))
                .isInstanceOf(MultipartException.class).hasMessageContaining("followed by something other than a line break");

        String clean = body.replace("--" + B + "X is not one either? no: it is a prefix\r\n", "-- still data\r\n");
        assertThat(readAll(new ByteArrayInputStream(bytes(clean)), B)).containsExactly(
                "application/dicom|first\r\n-- not a boundary\r\n-- still data\r\n",
                "application/dicom|second");
    }

    @Test
    void aBodyMayStartWithItsFirstDelimiterAndPartsMayBeEmptyOrWithoutHeaders() throws IOException {
        String body = "--" + B + "\r\n\r\n\r\n--" + B + "\r\nContent-Type: application/dicom\r\n\r\nx\r\n--" + B + "--";

        assertThat(readAll(new ByteArrayInputStream(bytes(body)), B)).containsExactly("-|", "application/dicom|x");
    }

    @Test
    void theEpilogueIsNeverRead() throws IOException {
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(bytes("--" + B + "\r\n\r\nx\r\n--" + B + "--")),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the epilogue was read");
                    }
                });

        assertThat(readAll(body, B)).containsExactly("-|x");
    }

    @Test
    void aWrongBoundaryFindsNoDelimiter() {
        String body = "--other\r\n\r\nx\r\n--other--\r\n";
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes(body)), B);

        assertThatThrownBy(reader::next).isInstanceOf(MultipartException.class).hasMessageContaining("boundary parameter does not match");
        assertThat(reader.failure()).isInstanceOf(MultipartException.class);
    }

    @Test
    void aBodyThatEndsInsideAPartFailsThePartsStream() throws IOException {
        String body = "--" + B + "\r\n\r\n" + "x".repeat(100_000);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes(body)), B);
        MultipartReader.Part part = reader.next();

        assertThatThrownBy(() -> part.content().readAllBytes()).isInstanceOf(MultipartException.class)
                .hasMessageContaining("ends inside part 1");
        assertThat(reader.failure()).isNotNull();
    }

    @Test
    void aBodyWithoutCloseDelimiterIsAnError() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes("--" + B + "\r\n\r\nx\r\n--" + B)), B);
        reader.next().content().readAllBytes();

        assertThatThrownBy(reader::next).isInstanceOf(MultipartException.class).hasMessageContaining("without the close delimiter");
    }

    @Test
    void unreadPartsAreSkippedAndOversizedHeadersRefused() throws IOException {
        String body = "--" + B + "\r\n\r\n" + "a".repeat(200_000) + "\r\n--" + B + "\r\n\r\nb\r\n--" + B + "--";
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes(body)), B);
        reader.next();
        assertThat(new String(reader.next().content().readAllBytes(), ISO_8859_1)).isEqualTo("b");
        assertThat(reader.next()).isNull();

        String huge = "--" + B + "\r\nX-Big: " + "h".repeat(20_000) + "\r\n\r\nx\r\n--" + B + "--";
        assertThatThrownBy(() -> new MultipartReader(new ByteArrayInputStream(bytes(huge)), B).next())
                .isInstanceOf(MultipartException.class).hasMessageContaining("exceed");
    }

    @Test
    void largeBinaryPartsStreamThroughInSmallAndOddChunks() throws Exception {
        Random random = new Random(42);
        byte[] a = new byte[3_000_000];
        random.nextBytes(a);
        // Near-misses of the delimiter at buffer boundaries.
        for (int i = 65_530; i < a.length; i += 65_536) {
            System.arraycopy(bytes("\r\n--" + B.substring(0, 5)), 0, a, i, 9);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(bytes("--" + B + "\r\nContent-Type: application/dicom\r\n\r\n"));
        body.write(a);
        body.write(bytes("\r\n--" + B + "--\r\n"));
        InputStream trickle = new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(body.toByteArray());
            private final Random sizes = new Random(7);

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(len, 1 + sizes.nextInt(5000)));
            }
        };

        MultipartReader reader = new MultipartReader(trickle, B);
        InputStream content = reader.next().content();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[777];
        long total = 0;
        int n;
        while ((n = content.read(chunk, 0, chunk.length)) >= 0) {
            digest.update(chunk, 0, n);
            total += n;
        }

        assertThat(total).isEqualTo(a.length);
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(a));
        assertThat(reader.next()).isNull();
    }

    @Test
    void theCloseDelimiterMayArriveSplitAtAnyByte() throws IOException {
        // A request body arrives in reads of whatever size the network delivers. Whichever byte the
        // last read starts at, the body is read whole (it once failed when the reader held five or
        // more bytes of the close delimiter and fewer bytes than a delimiter remained to come).
        String body = "--" + B + "\r\nContent-Type: application/dicom\r\n\r\n" + "p".repeat(1000)
                + "\r\n--" + B + "\r\n\r\nlast part\r\n--" + B + "--\r\n";
        byte[] all = bytes(body);
        for (int split = 1; split < all.length; split++) {
            int first = split;
            InputStream twoReads = new InputStream() {
                private final ByteArrayInputStream in = new ByteArrayInputStream(all);

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    int consumed = all.length - in.available();
                    return in.read(b, off, consumed < first ? Math.min(len, first - consumed) : len);
                }
            };

            assertThat(readAll(twoReads, B)).as("second read from byte %d", split)
                    .containsExactly("application/dicom|" + "p".repeat(1000), "-|last part");
        }
    }

    @Test
    void mediaTypesParseWithQuotedParameters() {
        MediaType t = MediaType.parse("Multipart/Related; type=\"application/dicom\"; boundary=\"a b;c\"").orElseThrow();

        assertThat(t.essence()).isEqualTo("multipart/related");
        assertThat(t.parameter("TYPE")).hasValue("application/dicom");
        assertThat(t.parameter("boundary")).hasValue("a b;c");
        assertThat(MediaType.parse("multipart/related;boundary=xyz").orElseThrow().parameter("boundary")).hasValue("xyz");
        assertThat(MediaType.parse("not a type")).isEmpty();
        assertThat(MediaType.parse(null)).isEmpty();
    }
}
