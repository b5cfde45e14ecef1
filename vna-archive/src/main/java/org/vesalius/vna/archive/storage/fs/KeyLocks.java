package org.vesalius.vna.archive.storage.fs;

import java.util.concurrent.locks.ReentrantLock;
import org.vesalius.vna.archive.storage.BlobKey;

/**
 * Striped locks that serialize the short metadata steps on one key (commit of a put, stat,
 * delete) within this process. Content is streamed and flushed outside the lock. Other
 * processes are kept out of the root altogether by {@link RootLock}.
 */
final class KeyLocks {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(BlobKey key) {
        int h = key.value().hashCode() * 0x9E3779B9;
        return locks[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }
}
