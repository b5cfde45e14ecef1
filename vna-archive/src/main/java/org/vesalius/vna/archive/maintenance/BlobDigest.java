package org.vesalius.vna.archive.maintenance;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.DigestingCopy;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * The SHA-256 of a stored object's content, computed from the bytes the store returns now (never
 * trusting what it recorded). If reading fails after the whole object arrived (S3 checks its own
 * checksum at the end of a read), the digest is still known and decides.
 *
 * @param size      bytes read
 * @param sha256Hex their digest
 * @param failure   why reading stopped early or failed at the end, or null
 */
record BlobDigest(long size, String sha256Hex, IOException failure) {

    private static final int BUFFER = 64 * 1024;

    static BlobDigest of(BlobStore blobs, StoredObject blob) {
        MessageDigest digest = DigestingCopy.sha256();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        String hex = null;
        try (InputStream in = blobs.open(blob.key())) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
            hex = StoredObject.hex(digest.digest());
        } catch (IOException e) {
            return new BlobDigest(size, hex != null ? hex : StoredObject.hex(digest.digest()), e);
        }
        return new BlobDigest(size, hex, null);
    }

    /** Whether every recorded byte was read. */
    boolean complete(long recordedSize) {
        return size == recordedSize;
    }
}
