package org.vesalius.vna.archive.storage;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.vesalius.vna.archive.api.StoredBlob;

/**
 * What a {@link BlobStore} holds under a key.
 *
 * @param key       the key
 * @param size      length in bytes
 * @param sha256Hex SHA-256 of the content as 64 lower-case hex digits, computed while the
 *                  content was written; {@code null} when the store has no recorded digest
 *                  for this object (written by another tool, or the digest was lost, see the
 *                  adapters). A missing digest is never replaced by one computed from the
 *                  stored bytes on a read path: that would certify whatever is on disk.
 * @param created   when the object was written: the file's modification time; on S3 the
 *                  object's {@code Last-Modified} from {@code stat}, this machine's clock at
 *                  completion in the result of {@code put}
 */
public record StoredObject(BlobKey key, long size, String sha256Hex, Instant created) {

    private static final HexFormat HEX = HexFormat.of();

    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(created, "created");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (sha256Hex != null && !isSha256Hex(sha256Hex)) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256Hex);
        }
    }

    /** This object as the archive API describes a stored instance's blob. */
    public StoredBlob toStoredBlob() {
        return new StoredBlob(key.value(), size, sha256Hex, created);
    }

    /** The recorded digest, if there is one. */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256Hex);
    }

    /** Whether this object is known to hold exactly the content with that size and digest. */
    public boolean hasContent(long otherSize, String otherSha256Hex) {
        return sha256Hex != null && size == otherSize && sha256Hex.equals(otherSha256Hex);
    }

    /** Whether {@code s} is 64 lower-case hex digits. */
    public static boolean isSha256Hex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Lower-case hex of a digest. */
    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }
}
