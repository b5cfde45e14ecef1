package org.vesalius.vna.archive.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throughput of STOW-RS body reading: our {@link MultipartReader} against Apache James Mime4j and
 * Commons FileUpload 2 ({@link LibraryMultipart}), on a 50-part body of 25 MiB (random bytes,
 * 512 KiB per part) handed over 16 KiB per read as a servlet container does, each part drained
 * with 64 KiB reads as ingest reads it; then one 2 GiB part generated on the fly, which only a
 * streaming reader gets through in the test JVM's 1 GiB heap.
 *
 * <p>Not part of {@code ./vna test} (the name matches no surefire pattern). Run:
 * {@code mvn -pl vna-archive -am verify -DskipITs -Dtest=MultipartThroughputBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Results: vna-archive README, "STOW-RS multipart: ours, measured".
 */
class MultipartThroughputBench {

    private static final String B = "vesalius-bench-boundary-4f1c";
    private static final int PARTS = 50;
    private static final int PART_BYTES = 512 * 1024;
    private static final int WARMUP = 5;
    private static final int ROUNDS = 9;

    private static final Map<String, MultipartLibrariesTest.Opener> IMPLEMENTATIONS = new LinkedHashMap<>();

    static {
        IMPLEMENTATIONS.put("ours (MultipartReader)", LibraryMultipart::ours);
        IMPLEMENTATIONS.put("Mime4j 0.8.15 MimeTokenStream", LibraryMultipart::mime4j);
        IMPLEMENTATIONS.put("FileUpload 2.0.0-M5 MultipartInput", LibraryMultipart::fileUpload);
    }

    @Test
    void fiftyPartsOf512KiB() throws IOException {
        byte[] body = body();
        StringBuilder report = new StringBuilder("50 parts x 512 KiB = " + body.length / (1 << 20) + " MiB body; median of "
                + ROUNDS + " rounds after " + WARMUP + " warm-up rounds\n");
        for (var e : IMPLEMENTATIONS.entrySet()) {
            double[] mbs = new double[ROUNDS];
            for (int round = -WARMUP; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                long read = drain(e.getValue(), new Chunked(new java.io.ByteArrayInputStream(body), 16 * 1024), PARTS);
                long ns = System.nanoTime() - t0;
                assertThat(read).isEqualTo((long) PARTS * PART_BYTES);
                if (round >= 0) {
                    mbs[round] = read / (1024.0 * 1024.0) / (ns / 1e9);
                }
            }
            Arrays.sort(mbs);
            report.append(String.format("  %-36s median %7.0f MiB/s  (min %5.0f, max %5.0f)%n", e.getKey(), mbs[ROUNDS / 2], mbs[0],
                    mbs[ROUNDS - 1]));
        }
        System.out.print(report);
    }

    @Test
    void oneTwoGiBPartStreamsThroughEach() throws IOException {
        long size = 2L << 30;
        StringBuilder report = new StringBuilder("one part of 2 GiB, generated on the fly, heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB\n");
        for (var e : IMPLEMENTATIONS.entrySet()) {
            InputStream body = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                    new java.io.ByteArrayInputStream(("--" + B + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1)),
                    new Generated(size),
                    new java.io.ByteArrayInputStream(("\r\n--" + B + "--\r\n").getBytes(ISO_8859_1)))));
            long t0 = System.nanoTime();
            long read = drain(e.getValue(), body, 1);
            double s = (System.nanoTime() - t0) / 1e9;
            assertThat(read).isEqualTo(size);
            report.append(String.format("  %-36s %7.0f MiB/s%n", e.getKey(), size / (1024.0 * 1024.0) / s));
        }
        System.out.print(report);
    }

    private static long drain(MultipartLibrariesTest.Opener opener, InputStream body, int expectedParts) throws IOException {
        LibraryMultipart.Parts parts = opener.open(body, B);
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int count = 0;
        for (MultipartReader.Part p = parts.next(); p != null; p = parts.next()) {
            count++;
            for (int n; (n = p.content().read(buf)) >= 0; ) {
                total += n;
            }
        }
        assertThat(count).isEqualTo(expectedParts);
        return total;
    }

    private static byte[] body() {
        Random random = new Random(20261207);
        ByteArrayOutputStream out = new ByteArrayOutputStream(PARTS * (PART_BYTES + 200));
        byte[] part = new byte[PART_BYTES];
        for (int i = 0; i < PARTS; i++) {
            random.nextBytes(part);
            out.writeBytes(("\r\n--" + B + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
            out.writeBytes(part);
        }
        out.writeBytes(("\r\n--" + B + "--\r\n").getBytes(ISO_8859_1));
        return out.toByteArray();
    }

    /** At most {@code chunk} bytes per read, as a servlet input stream hands them over. */
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

    /** {@code size} pseudo-random bytes, produced as they are read. */
    private static final class Generated extends InputStream {
        private final byte[] block = new byte[1 << 20];
        private long left;
        private int at = block.length;

        Generated(long size) {
            this.left = size;
            new Random(7).nextBytes(block);
            block[100] = '\r'; // a near miss of the delimiter in every block
            block[101] = '\n';
            block[102] = '-';
            block[103] = '-';
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            if (at == block.length) {
                at = 0;
            }
            int n = (int) Math.min(Math.min(len, block.length - at), left);
            System.arraycopy(block, at, b, off, n);
            at += n;
            left -= n;
            return n;
        }
    }
}
