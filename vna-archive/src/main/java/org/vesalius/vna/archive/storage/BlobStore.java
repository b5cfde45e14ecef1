package org.vesalius.vna.archive.storage;

import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The archive's storage port: named, immutable-by-convention byte objects, the truth from
 * which everything else (the index) is derived. Adapters: {@code storage.fs.FileSystemBlobStore}
 * (the default) and {@code storage.s3.S3BlobStore} (module vna-storage-s3).
 *
 * <h2>Contract every adapter keeps</h2>
 * <ul>
 *   <li><b>Durable on return.</b> {@code put} returns only when the object (content and
 *       digest) survives a crash or power loss of this machine: fsync on a filesystem, a
 *       200 from S3.</li>
 *   <li><b>All or nothing.</b> A reader sees either the previous object or the complete new
 *       one under a key, never a partial write. If {@code put} fails, for whatever reason
 *       (the content stream breaks, the disk fills, S3 goes away), nothing is visible under
 *       the key and no temporary data stays behind (a crash of the process is cleaned up
 *       when the store is next opened, see the adapters).</li>
 *   <li><b>Digest in flight.</b> {@code put} computes size and SHA-256 while it streams the
 *       content, and the store keeps the digest with the object ({@link #stat}). Content is
 *       never held in memory as a whole.</li>
 *   <li><b>Concurrent writers</b> of one key: see {@link PutMode}. Writers of different keys
 *       do not affect each other.</li>
 *   <li><b>Failures</b> are {@link BlobStoreException}s: {@link StorageUnavailableException}
 *       (retryable), {@link BlobNotFoundException}, {@link ContentReadException} (the caller's
 *       stream failed), and {@link IllegalArgumentException} for invalid arguments. Streams
 *       returned by {@link #open} report read failures as {@link java.io.IOException}.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Stores {@code content} under {@code key}, replacing what is there
     * ({@link PutMode#OVERWRITE}).
     *
     * @return the stored object
     */
    default StoredObject put(BlobKey key, InputStream content) {
        return put(key, content, PutMode.OVERWRITE).object();
    }

    /**
     * Stores {@code content} under {@code key}. Reads {@code content} to its end; does not
     * close it. Returns once the object is durable.
     *
     * @return {@link PutResult.Written}, or {@link PutResult.Existing} when {@code mode} is
     *         {@link PutMode#IF_ABSENT} and the key was taken
     * @throws ContentReadException        reading {@code content} failed; nothing was stored
     * @throws StorageUnavailableException the backend failed; nothing was stored
     */
    PutResult put(BlobKey key, InputStream content, PutMode mode);

    /**
     * Size, digest and time of the object under {@code key}, or empty if there is none.
     *
     * @throws StorageUnavailableException the backend could not answer (which is not "absent")
     */
    Optional<StoredObject> stat(BlobKey key);

    /**
     * The content under {@code key}, streamed from the backend; the caller closes it.
     *
     * @throws BlobNotFoundException       no object under the key
     * @throws StorageUnavailableException the backend failed
     */
    InputStream open(BlobKey key);

    /**
     * {@code length} bytes of the content under {@code key} starting at {@code offset}, or
     * fewer if the object ends first (exactly {@code min(length, size - offset)} bytes). The
     * caller closes the stream. Used for frame retrieval, so adapters fetch only the range.
     *
     * @throws IllegalArgumentException    {@code offset} or {@code length} is negative, or
     *                                     {@code offset} is beyond the end of the object
     * @throws BlobNotFoundException       no object under the key
     * @throws StorageUnavailableException the backend failed
     */
    InputStream openRange(BlobKey key, long offset, long length);

    /**
     * Removes the object under {@code key}, durably.
     *
     * @return whether there was an object (on S3 this is what a check just before the delete
     *         saw; the delete itself is unconditional)
     * @throws StorageUnavailableException the backend failed; the object may still be there
     */
    boolean delete(BlobKey key);

    /**
     * The keys that start with {@code prefix} (a plain string prefix, as in S3; {@code ""}
     * lists everything), in no promised order but one: the keys under a directory (a prefix
     * ending in {@code /}) come together, with no key from outside it in between (a
     * filesystem walks depth first, S3 lists in lexicographic order). So {@code reindex} and
     * {@code verify} see all versions of an instance, which share its series' directory, in
     * one run of keys, and need no memory beyond one series. The stream is lazy: it fetches
     * directories or pages as it is consumed, so it is fit for millions of keys, and it must
     * be closed (try-with-resources). Weakly consistent: a key that exists for the whole
     * iteration is returned exactly once; one created or deleted meanwhile may or may not be.
     * Failures while iterating are thrown as {@link StorageUnavailableException}.
     *
     * @throws IllegalArgumentException no valid key can start with {@code prefix}
     *                                  ({@link BlobKey#checkPrefix})
     */
    Stream<BlobKey> list(String prefix);

    /**
     * Checks, without writing anything, that the store could take a write now: for health
     * probes, which anyone may call often, so they must cost no durable write. The default reads
     * the metadata of one well-known key; adapters check more (free space, a read-only mount,
     * the bucket).
     *
     * @throws StorageUnavailableException the store cannot take writes; the message is for logs
     *                                     (it may name paths), not for anonymous callers
     */
    default void probe() {
        stat(BlobKey.of("health/probe"));
    }

    /**
     * A stamp of the keys directly under the directory {@code directoryPrefix} (a prefix ending in
     * {@code /}): when two calls give the same stamp, no key under it was added, replaced or
     * removed between them, so a listing made after the first call still holds. Empty when the
     * store cannot tell cheaply (the default, and S3), when there is no such directory, or when it
     * changed too recently to tell (a filesystem stamps changes with a coarse clock); callers
     * then list. Lets retrieval keep a series' listing instead of listing it per request.
     *
     * @throws IllegalArgumentException    not a directory prefix ({@link BlobKey#checkPrefix})
     * @throws StorageUnavailableException the backend could not answer
     */
    default Optional<String> listingStamp(String directoryPrefix) {
        BlobKey.checkPrefix(directoryPrefix);
        return Optional.empty();
    }

    /**
     * The local file that holds the content under {@code key}, for a caller that can send a file
     * without copying it through the heap (the servlet container's sendfile); empty when the
     * store has no local files (the default, S3) or no object under the key. The file must only
     * be read, and may be gone by the time it is.
     */
    default Optional<java.nio.file.Path> localFile(BlobKey key) {
        return Optional.empty();
    }

    /** Releases the store's resources (locks, clients it created). Idempotent. */
    @Override
    void close();
}
