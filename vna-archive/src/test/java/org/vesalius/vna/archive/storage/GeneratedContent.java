package org.vesalius.vna.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic pseudo-random content of any length, generated on the fly: byte {@code i} of
 * content {@code seed} is a pure function of both, so large objects and their ranges can be
 * checked without holding them in memory.
 */
public final class GeneratedContent {

    private GeneratedContent() {
    }

    /** Byte {@code index} of content {@code seed}. */
    public static byte at(long seed, long index) {
        return (byte) (mix(seed * 0x9E3779B97F4A7C15L + (index >>> 3)) >>> ((index & 7) * 8));
    }

    /** A stream of {@code size} bytes of content {@code seed}. */
    public static InputStream stream(long seed, long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? at(seed, position++) & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = at(seed, position + i);
                }
                position += n;
                return n;
            }
        };
    }

    /** A stream that gives {@code failAfter} bytes of content {@code seed}, then throws. */
    public static InputStream failingAfter(long seed, long failAfter) {
        InputStream content = stream(seed, Long.MAX_VALUE);
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= failAfter) {
                    throw new IOException("connection reset by peer (simulated after " + failAfter + " bytes)");
                }
                int n = content.read(b, off, (int) Math.min(len, failAfter - position));
                position += n;
                return n;
            }
        };
    }

    /** SHA-256 (hex) of content {@code seed} of {@code size} bytes, streamed through MessageDigest. */
    public static String sha256(long seed, long size) throws IOException {
        return sha256(stream(seed, size));
    }

    /** SHA-256 (hex) of a stream, read to its end (and closed). */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 (hex) of bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    /** Checks that {@code in} holds exactly bytes {@code [offset, offset + length)} of content {@code seed}. */
    public static long mismatch(long seed, long offset, long length, InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long position = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (position + i >= length || buffer[i] != at(seed, offset + position + i)) {
                        return position + i;
                    }
                }
                position += n;
            }
        }
        return position == length ? -1 : position;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static long mix(long z) { // SplitMix64 finalizer
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
