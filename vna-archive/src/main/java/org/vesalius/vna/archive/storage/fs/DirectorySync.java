package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit of directory flushes: puts that renamed into the same directory at about the same
 * time share one fsync of it. A flush covers every rename done before it started; a caller whose
 * rename came after the running flush began waits for the next one, which one of the waiters runs.
 * So each {@link #sync} returns only once the caller's own directory entry is durable.
 */
final class DirectorySync {

    /** Flushes of one directory: requests are numbered, a flush covers those numbered before it started. */
    private static final class State {
        long requested;
        long completed;
        boolean running;
        IOException failedWith;
        long failedUpTo;
    }

    private final Fsync fsync;
    private final ConcurrentHashMap<Path, State> states = new ConcurrentHashMap<>();

    DirectorySync(Fsync fsync) {
        this.fsync = fsync;
    }

    /** Returns once a flush of {@code dir} that started after this call's entry was made has completed. */
    void sync(Path dir) throws IOException {
        State s = states.computeIfAbsent(dir, d -> new State());
        long target;
        synchronized (s) {
            long mine = ++s.requested;
            while (true) {
                if (s.completed >= mine) {
                    if (s.failedWith != null && s.failedUpTo >= mine) {
                        throw new IOException("flushing " + dir + " failed: " + s.failedWith.getMessage(), s.failedWith);
                    }
                    return;
                }
                if (!s.running) {
                    s.running = true;
                    target = s.requested;
                    break;
                }
                try {
                    s.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while " + dir + " was flushed", e);
                }
            }
        }
        IOException failure = null;
        try {
            fsync.directory(dir);
        } catch (IOException e) {
            failure = e;
        }
        synchronized (s) {
            s.completed = target;
            s.running = false;
            if (failure != null) {
                s.failedWith = failure;
                s.failedUpTo = target;
            }
            s.notifyAll();
            if (s.requested == s.completed && !s.running) {
                states.remove(dir, s); // idle: forget it (a new State starts from scratch, which is fine)
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
