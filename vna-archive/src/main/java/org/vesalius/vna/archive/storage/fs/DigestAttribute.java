package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * An object's SHA-256 as an extended attribute of its file ({@code user.sha256} on Linux), set on
 * the staged file before its data is flushed: the attribute belongs to the inode, so it is durable
 * with the data and travels with the rename, and it can never describe other content. Where the
 * filesystem has no user attributes, the durable digest file ({@link DigestSidecar}) is used as before.
 */
final class DigestAttribute {

    static final String NAME = "sha256";

    private DigestAttribute() {
    }

    /** Whether files in {@code dir} take user attributes (tried on a scratch file). */
    static boolean supported(Path dir) {
        Path probe = dir.resolve(".xattr-probe-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            write(probe, "0".repeat(64));
            return "0".repeat(64).equals(read(probe));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // the staging area is cleared at the next start
            }
        }
    }

    static void write(Path file, String sha256Hex) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            throw new UnsupportedOperationException("no user attributes on " + file);
        }
        view.write(NAME, ByteBuffer.wrap(sha256Hex.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The digest recorded on {@code file}, or null when there is none (or it is not one of ours). */
    static String read(Path file) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            if (view == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate(64);
            if (view.size(NAME) != 64) {
                return null;
            }
            view.read(NAME, buffer);
            String hex = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
            return StoredObject.isSha256Hex(hex) ? hex : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no such attribute (ENODATA), or none supported
        }
    }
}
