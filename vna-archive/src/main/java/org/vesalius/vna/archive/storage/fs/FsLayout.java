package org.vesalius.vna.archive.storage.fs;

import java.nio.file.Path;
import org.vesalius.vna.archive.storage.BlobKey;

/**
 * Where things live under the root of a {@link FileSystemBlobStore}:
 * <pre>
 * {root}/
 *   .vesalius-blobstore.lock      held (fcntl/LockFileEx) by the one process using the root
 *   .staging/                     content being written: {id}.data and {id}.sha256
 *   {key}                         the object, bytes exactly as given to put
 *   {key's dir}/.{name}.sha256    its digest, in sha256sum format ("{hex}  {name}\n")
 * </pre>
 * Keys never have a segment starting with '.', so nothing of ours can collide with a key,
 * and listings skip every hidden name.
 */
final class FsLayout {

    static final String LOCK_FILE = ".vesalius-blobstore.lock";
    static final String STAGING_DIR = ".staging";
    static final String SIDECAR_SUFFIX = ".sha256";
    static final String STAGED_DATA_SUFFIX = ".data";

    private final Path root;
    private final Path staging;

    FsLayout(Path root) {
        this.root = root;
        this.staging = root.resolve(STAGING_DIR);
    }

    Path root() {
        return root;
    }

    Path staging() {
        return staging;
    }

    Path lockFile() {
        return root.resolve(LOCK_FILE);
    }

    /** The object's file. Keys use '/' and only portable characters, so resolve is exact. */
    Path data(BlobKey key) {
        return root.resolve(key.value());
    }

    /** The digest file beside the object's file. */
    Path sidecar(BlobKey key) {
        return data(key).resolveSibling(sidecarName(key.fileName()));
    }

    static String sidecarName(String fileName) {
        return "." + fileName + SIDECAR_SUFFIX;
    }

    Path stagedData(String id) {
        return staging.resolve(id + STAGED_DATA_SUFFIX);
    }

    Path stagedSidecar(String id) {
        return staging.resolve(id + SIDECAR_SUFFIX);
    }
}
