package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Flushing directories. A rename or a new file is durable only once the directory holding it
 * is flushed; on POSIX that is fsync on the directory. Windows cannot open a directory as a
 * channel; NTFS journals its metadata, so there the step is skipped.
 */
final class Fsync {

    private final boolean directories;
    private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

    Fsync(boolean directorySyncSupported) {
        this.directories = directorySyncSupported;
    }

    boolean directoriesSupported() {
        return directories;
    }

    void directory(Path dir) throws IOException {
        if (!directories) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
        count.incrementAndGet();
    }

    /** Flushes a file's data and metadata (its attributes too). */
    void file(FileChannel channel) throws IOException {
        channel.force(true);
        count.incrementAndGet();
    }

    /** Flushes issued so far, files and directories. */
    long count() {
        return count.get();
    }
}
