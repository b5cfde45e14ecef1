package org.vesalius.vna.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * For adapters: reads the content given to {@code put} to its end through a 64 KiB buffer,
 * computing size and SHA-256 on the way, and writes it to a channel (or nowhere, to only
 * digest it). Failures of the content are {@link ContentReadException}, failures of the
 * channel plain {@link IOException}, so the two are never confused.
 */
public final class DigestingCopy {

    private static final int BUFFER_SIZE = 64 * 1024;

    private DigestingCopy() {
    }

    /** Size and SHA-256 of content that went through. */
    public record Result(long size, byte[] sha256) {

        public String sha256Hex() {
            return StoredObject.hex(sha256);
        }

        /** As S3 checksum headers carry it. */
        public String sha256Base64() {
            return Base64.getEncoder().encodeToString(sha256);
        }
    }

    /**
     * Copies {@code content} (for {@code key}, named in messages) to {@code out}, or only
     * digests it if {@code out} is {@code null}. Does not close either.
     *
     * @throws ContentReadException reading {@code content} failed
     * @throws IOException          writing to {@code out} failed
     */
    public static Result copy(BlobKey key, InputStream content, WritableByteChannel out) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        ByteBuffer bytes = ByteBuffer.wrap(buffer);
        long size = 0;
        while (true) {
            int n;
            try {
                n = content.read(buffer);
            } catch (IOException e) {
                throw new ContentReadException("reading the content for " + key + " failed after "
                        + size + " bytes: " + e.getMessage(), e);
            }
            if (n < 0) {
                return new Result(size, digest.digest());
            }
            digest.update(buffer, 0, n);
            if (out != null) {
                bytes.clear().limit(n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            size += n;
        }
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
