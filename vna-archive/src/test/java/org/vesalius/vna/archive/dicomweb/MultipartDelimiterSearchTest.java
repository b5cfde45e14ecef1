package org.vesalius.vna.archive.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The delimiter search skips ahead (Boyer-Moore-Horspool) and remembers how far the buffer holds
 * no delimiter: parts made of near misses of the delimiter (every proper prefix and suffix of it,
 * the boundary without its CRLF, a repeated last byte) come out exactly, whatever the sizes of
 * the body's reads and of the caller's.
 */
class MultipartDelimiterSearchTest {

    private static final String B = "x7-b0undary-x7";

    @ParameterizedTest(name = "body reads of at most {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 13, 4096, 65536})
    void nearMissesOfTheDelimiterAreContent(int bodyChunk) throws IOException {
        Random random = new Random(bodyChunk);
        String delimiter = "\r\n--" + B;
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int p = 0; p < 20; p++) {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                String piece = switch (random.nextInt(6)) {
                    case 0 -> delimiter.substring(0, 1 + random.nextInt(delimiter.length() - 1));
                    case 1 -> delimiter.substring(1 + random.nextInt(delimiter.length() - 1));
                    case 2 -> "--" + B;
                    case 3 -> String.valueOf(B.charAt(B.length() - 1)).repeat(1 + random.nextInt(40));
                    case 4 -> "\r\n-" + B;
                    default -> "";
                };
                part.writeBytes(piece.getBytes(ISO_8859_1));
                // Noise without CR, opening with a byte the delimiter lacks: pieces never join into a delimiter.
                byte[] noise = new byte[1 + random.nextInt(300)];
                random.nextBytes(noise);
                noise[0] = 0;
                for (int k = 0; k < noise.length; k++) {
                    noise[k] = noise[k] == '\r' ? 0 : noise[k];
                }
                part.writeBytes(noise);
            }
            parts.add(part.toByteArray());
            body.writeBytes(("\r\n--" + B + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
            body.writeBytes(part.toByteArray());
        }
        body.writeBytes(("\r\n--" + B + "--").getBytes(ISO_8859_1));

        MultipartReader reader = new MultipartReader(new Chunked(new ByteArrayInputStream(body.toByteArray()), bodyChunk), B);
        List<byte[]> read = new ArrayList<>();
        byte[] small = new byte[1 + bodyChunk % 5];
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int n; (n = part.content().read(small)) >= 0; ) {
                out.write(small, 0, n);
            }
            read.add(out.toByteArray());
        }

        assertThat(read).hasSameSizeAs(parts);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(read.get(i)).as("part %d", i + 1).isEqualTo(parts.get(i));
        }
    }

    private static final class Chunked extends FilterInputStream {
        private final int chunk;

        Chunked(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
