package org.vesalius.vna.archive.storage;

/** What {@link BlobStore#put(BlobKey, java.io.InputStream, PutMode)} does when the key exists. */
public enum PutMode {
    /**
     * Replace the object. Concurrent writers of one key: the last to complete wins; every
     * reader sees one complete version, never a mix.
     */
    OVERWRITE,
    /**
     * Keep the existing object and report it ({@link PutResult.Existing}); write only if the key
     * is absent. Concurrent writers of one key: the first to complete wins, the others get
     * {@code Existing}. This is what ingest uses to be idempotent on SOP Instance UID.
     */
    IF_ABSENT
}
