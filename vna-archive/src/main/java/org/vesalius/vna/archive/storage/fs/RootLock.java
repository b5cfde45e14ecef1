package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import org.vesalius.vna.archive.storage.OwnerOnly;

/**
 * An exclusive OS lock on the root's lock file, held while the store is open. Only one
 * process (and one store instance in it) writes a root: that is what makes the per-key locks
 * sufficient and lets startup treat every staged file as abandoned. The OS drops the lock
 * when the process dies, so a crash never leaves the root locked.
 */
final class RootLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RootLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RootLock acquire(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                OwnerOnly.file(lockFile));
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("blob store root " + lockFile.getParent()
                        + " is in use by another process (" + lockFile + " is locked)");
            }
            return new RootLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IllegalStateException("blob store root " + lockFile.getParent()
                    + " is already open in this JVM", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
