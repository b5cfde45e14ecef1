package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vesalius.vna.archive.storage.OwnerOnly;

/**
 * Creates directories so that they survive a crash: each new directory's entry is flushed in
 * its parent, all the way up to the root. A directory is trusted without flushing only if
 * this process flushed it; one found on disk (made by a concurrent put that has not flushed
 * yet, or by a previous run that crashed) is flushed again, once.
 */
final class DurableDirectories {

    /** Bound on the memory of known-durable directories; forgetting costs only a re-flush. */
    private static final int MAX_REMEMBERED = 100_000;

    private final Path root;
    private final Fsync fsync;
    private final Set<Path> durable = ConcurrentHashMap.newKeySet();

    DurableDirectories(Path root, Fsync fsync) {
        this.root = root;
        this.fsync = fsync;
    }

    /**
     * Makes {@code dir} (below the root) exist durably.
     *
     * @throws KeyConflictException a path element exists as a file (a key that is another
     *                              key's directory)
     */
    void ensure(Path dir) throws IOException {
        if (dir.equals(root) || durable.contains(dir)) {
            return;
        }
        Path parent = dir.getParent();
        ensure(parent);
        try {
            Files.createDirectory(dir, OwnerOnly.directory(dir));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new KeyConflictException("\"" + root.relativize(dir).toString().replace('\\', '/')
                        + "\" is an object, not a directory: on a filesystem a key cannot also be the"
                        + " beginning of other keys");
            }
        }
        fsync.directory(parent);
        if (durable.size() >= MAX_REMEMBERED) {
            durable.clear();
        }
        durable.add(dir);
    }

    /** A key would need a directory where an object is, or the other way round. */
    static final class KeyConflictException extends IOException {
        KeyConflictException(String message) {
            super(message);
        }
    }
}
