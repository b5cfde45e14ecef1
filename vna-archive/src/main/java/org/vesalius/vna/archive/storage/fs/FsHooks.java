package org.vesalius.vna.archive.storage.fs;

import org.vesalius.vna.archive.storage.BlobKey;

/**
 * Points inside {@code put} where tests look at, or copy, the on-disk state: a copy of the
 * root taken there is exactly what a power loss at that instant would leave.
 */
interface FsHooks {

    FsHooks NONE = new FsHooks() {
    };

    /** Content and digest are staged and flushed; nothing is visible under the key yet. */
    default void staged(BlobKey key) {
    }

    /** The object file is in place and durable; its digest file is not yet. */
    default void dataCommitted(BlobKey key) {
    }
}
