package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.ContentReadException;
import org.vesalius.vna.archive.storage.DigestingCopy;
import org.vesalius.vna.archive.storage.FileRangeInputStream;
import org.vesalius.vna.archive.storage.OwnerOnly;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;
import org.vesalius.vna.archive.storage.fs.DurableDirectories.KeyConflictException;

/**
 * A {@link BlobStore} in a directory tree: each key is a file at that relative path, holding
 * exactly the bytes given to {@code put}. Layout: {@link FsLayout}.
 *
 * <p><b>Write protocol.</b> ({@link PutMode#IF_ABSENT} on a key that is there with its digest
 * only digests the content and writes nothing.) Content is streamed into {@code .staging/{id}.data} while its
 * SHA-256 is computed, then flushed ({@code force(true)}); the digest goes to
 * {@code .staging/{id}.sha256}, flushed too. Then, under the key's lock: an old digest file is
 * removed (and the directory flushed), the data file is renamed onto the key
 * ({@code ATOMIC_MOVE}) and the directory flushed, then the digest file is renamed beside it
 * and the directory flushed again. New directories are flushed into their parents.
 * Consequences, also after a crash at any point: a key shows the old or the new content,
 * whole; a digest file, when present, is the digest of the file beside it (it may be missing
 * after a crash between the two renames, never wrong).
 *
 * <p><b>One process per root.</b> The store holds an OS lock on the root while open
 * ({@link RootLock}). So at startup every staged file belongs to a writer that died, and all of
 * them are removed, whatever their age. Listing never sees them (they are hidden, and not
 * under any key's directory).
 *
 * <p><b>Concurrency.</b> Writers of one key in this process are serialized only for the
 * renames; {@link PutMode#OVERWRITE}: last to commit wins; {@link PutMode#IF_ABSENT}: first to
 * commit wins.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemBlobStore.class);
    /** How long ago a directory must have changed for {@link #listingStamp} to stamp it: many clock ticks, and clock skew on NFS. */
    static final long SETTLED_MILLIS = 2_000;

    private final FsLayout layout;
    private final Fsync fsync;
    private final DurableDirectories directories;
    private final StagingArea staging;
    private final DirectorySync directorySync;
    private final boolean attributes;
    private final KeyLocks locks = new KeyLocks();
    private final FsHooks hooks;
    private final RootLock rootLock;
    private final boolean readOnly;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Opens (creating if needed) the store at {@code root}, takes the root's lock and removes
     * what interrupted writes left in the staging area.
     *
     * @throws IllegalStateException       another process or store instance has the root
     * @throws StorageUnavailableException the root cannot be created or read
     */
    public FileSystemBlobStore(Path root) {
        this(root, FsHooks.NONE);
    }

    FileSystemBlobStore(Path root, FsHooks hooks) {
        this(root, hooks, false);
    }

    /**
     * Opens the existing store at {@code root} for reading only, without taking its lock: for
     * maintenance commands ({@code vna verify}, {@code vna reindex}) that run beside the server
     * holding the root. Reading beside that writer is safe: objects appear by atomic rename and
     * staged files are never listed. {@code put} and {@code delete} throw
     * {@link IllegalStateException}; nothing is created or cleaned up.
     *
     * @throws StorageUnavailableException the root does not exist or cannot be read
     */
    public static FileSystemBlobStore openReadOnly(Path root) {
        return new FileSystemBlobStore(root, FsHooks.NONE, true);
    }

    private FileSystemBlobStore(Path root, FsHooks hooks, boolean readOnly) {
        Objects.requireNonNull(root, "root");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.readOnly = readOnly;
        Path absolute = root.toAbsolutePath().normalize();
        this.fsync = new Fsync(absolute.getFileSystem().supportedFileAttributeViews().contains("posix"));
        try {
            if (!readOnly) {
                createDurably(absolute);
            }
            Path real = absolute.toRealPath();
            this.layout = new FsLayout(real);
            this.directories = new DurableDirectories(real, fsync);
            this.rootLock = readOnly ? null : RootLock.acquire(layout.lockFile());
            if (!readOnly) {
                clearStaging(real);
            }
            this.attributes = !readOnly && DigestAttribute.supported(layout.staging());
            this.staging = new StagingArea(layout, fsync, attributes);
            this.directorySync = new DirectorySync(fsync);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open blob store root " + absolute + ": " + e, e);
        }
        if (!fsync.directoriesSupported() && !readOnly) {
            LOG.info("blob store {}: this filesystem cannot flush directories; relying on its metadata journal", root);
        }
        LOG.info("blob store opened at {}{}", layout.root(), readOnly ? " (read-only)"
                : attributes ? " (digests as user.sha256 attributes)" : " (digests in flushed digest files: no user attributes here)");
    }

    private void clearStaging(Path real) throws IOException {
        try {
            createDurably(layout.staging());
            int removed = new StagingArea(layout, fsync, false).clear();
            if (removed > 0) {
                LOG.warn("blob store {}: removed {} staged file(s) of writes interrupted by a crash or kill;"
                        + " those writes had not been acknowledged", real, removed);
            }
        } catch (IOException | RuntimeException e) {
            rootLock.close();
            throw e;
        }
    }

    /** True when opened with {@link #openReadOnly}: no writes, no lock. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The root directory (real path). */
    public Path root() {
        return layout.root();
    }

    @Override
    public PutResult put(BlobKey key, InputStream content, PutMode mode) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mode, "mode");
        ensureWritable();
        if (mode == PutMode.IF_ABSENT) {
            Optional<StoredObject> existing = stat(key);
            if (existing.isPresent() && existing.get().sha256Hex() != null) {
                // A duplicate (common when a sender or a migration retries): digest it, write nothing.
                DigestingCopy.Result offered = digestOnly(key, content);
                if (attributes && offered.sha256Hex().equals(existing.get().sha256Hex())) {
                    restoreDigestFile(key, offered.sha256Hex());
                }
                return new PutResult.Existing(existing.get(), offered.size(), offered.sha256Hex());
            }
        }
        try (StagingArea.Staged staged = staging.stage(key, content)) {
            hooks.staged(key);
            directories.ensure(layout.data(key).getParent());
            ReentrantLock lock = locks.of(key);
            lock.lock();
            try {
                return commit(key, mode, staged);
            } finally {
                lock.unlock();
            }
        } catch (KeyConflictException e) {
            throw new IllegalArgumentException("cannot store " + key + ": " + e.getMessage(), e);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageUnavailableException("cannot store " + key + ": the filesystem cannot rename "
                    + layout.staging() + " atomically into the tree (a separate mount below the root?)", e);
        } catch (IOException e) {
            throw unavailable("put", key, e);
        }
    }

    /**
     * A put interrupted between its two renames leaves the file with its digest attribute but
     * without its digest file. When the same bytes are offered again, the digest file comes back
     * (unflushed, as in a whole put): it is the copy for tools that do not read attributes
     * (backups, rsync without -X). A failure here is logged, never the put's.
     */
    private void restoreDigestFile(BlobKey key, String sha256Hex) {
        Path sidecar = layout.sidecar(key);
        if (Files.exists(sidecar)) {
            return;
        }
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try (StagingArea.Staged digest = staging.stageDigest(sha256Hex, key.fileName())) {
            if (!Files.exists(sidecar) && sha256Hex.equals(DigestAttribute.read(layout.data(key)))) {
                Files.move(digest.sidecar, sidecar, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            LOG.warn("could not restore the digest file of {}: {}", key, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private static DigestingCopy.Result digestOnly(BlobKey key, InputStream content) {
        try {
            return DigestingCopy.copy(key, content, null);
        } catch (IOException e) { // only the content can fail, and that is a ContentReadException
            throw new ContentReadException("reading the content for " + key + " failed: " + e.getMessage(), e);
        }
    }

    private PutResult commit(BlobKey key, PutMode mode, StagingArea.Staged staged) throws IOException {
        Path target = layout.data(key);
        Path dir = target.getParent();
        BasicFileAttributes existing = attributesOrNull(target);
        if (existing != null && !existing.isRegularFile()) {
            throw new KeyConflictException("\"" + key + "\" is a directory holding other keys: on a filesystem"
                    + " a key cannot also be the beginning of other keys");
        }
        if (existing != null && mode == PutMode.IF_ABSENT) {
            return new PutResult.Existing(existingObject(key, existing, staged), staged.size, staged.sha256Hex);
        }
        Path sidecar = layout.sidecar(key);
        if (Files.deleteIfExists(sidecar)) {
            fsync.directory(dir); // the old digest is gone before the content changes
        }
        Files.move(staged.data, target, StandardCopyOption.ATOMIC_MOVE);
        if (attributes) {
            // The digest is on the file itself: one flush of the directory, shared with the other
            // puts that renamed into it meanwhile, makes both entries durable.
            hooks.dataCommitted(key);
            Files.move(staged.sidecar, sidecar, StandardCopyOption.ATOMIC_MOVE);
            directorySync.sync(dir);
        } else {
            fsync.directory(dir);
            hooks.dataCommitted(key);
            Files.move(staged.sidecar, sidecar, StandardCopyOption.ATOMIC_MOVE);
            fsync.directory(dir);
        }
        BasicFileAttributes written = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new PutResult.Written(new StoredObject(key, staged.size, staged.sha256Hex,
                written.lastModifiedTime().toInstant()));
    }

    /**
     * The object IF_ABSENT found. If its digest file is missing (a crash between the two
     * renames), and its bytes turn out to be exactly the ones offered now, the offered digest
     * is recorded: it was computed from independent content, so it certifies nothing unseen.
     */
    private StoredObject existingObject(BlobKey key, BasicFileAttributes attrs, StagingArea.Staged offered)
            throws IOException {
        Path target = layout.data(key);
        String hex = digestOf(key, target);
        if (hex == null && attrs.size() == offered.size
                && offered.sha256Hex.equals(StagingArea.digestOf(target))) {
            try (StagingArea.Staged digest = staging.stageDigest(offered.sha256Hex, key.fileName())) {
                Files.move(digest.sidecar, layout.sidecar(key), StandardCopyOption.ATOMIC_MOVE);
                fsync.directory(target.getParent());
            }
            LOG.warn("{} had no digest file (an earlier write was interrupted); recorded it after the same"
                    + " content was offered again", key);
            hex = offered.sha256Hex;
        }
        return new StoredObject(key, attrs.size(), hex, attrs.lastModifiedTime().toInstant());
    }

    @Override
    public Optional<StoredObject> stat(BlobKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try {
            BasicFileAttributes attrs = attributesOrNull(layout.data(key));
            if (attrs == null || !attrs.isRegularFile()) {
                return Optional.empty();
            }
            String hex = digestOf(key, layout.data(key));
            return Optional.of(new StoredObject(key, attrs.size(), hex, attrs.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            throw unavailable("stat", key, e);
        } finally {
            lock.unlock();
        }
    }

    /** The attribute on the file, else the digest file beside it, else null. */
    private String digestOf(BlobKey key, Path file) throws IOException {
        String hex = DigestAttribute.read(file);
        return hex != null ? hex : DigestSidecar.read(layout.sidecar(key), key.fileName());
    }

    /** Flushes (files and directories) this store has issued since it was opened: for benchmarks. */
    public long flushCount() {
        return fsync.count();
    }

    @Override
    public InputStream open(BlobKey key) {
        Objects.requireNonNull(key, "key");
        FileChannel channel = openChannel(key);
        try {
            return new FileRangeInputStream(channel, 0, channel.size());
        } catch (IOException e) {
            closeQuietly(channel);
            throw unavailable("open", key, e);
        }
    }

    @Override
    public InputStream openRange(BlobKey key, long offset, long length) {
        Objects.requireNonNull(key, "key");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
        FileChannel channel = openChannel(key);
        try {
            long size = channel.size();
            if (offset > size) {
                closeQuietly(channel);
                throw new IllegalArgumentException("offset " + offset + " is beyond the end of " + key + " (" + size + " bytes)");
            }
            return new FileRangeInputStream(channel, offset, Math.min(length, size - offset));
        } catch (IOException e) {
            closeQuietly(channel);
            throw unavailable("open", key, e);
        }
    }

    private FileChannel openChannel(BlobKey key) {
        ensureOpen();
        Path file = layout.data(key);
        try {
            BasicFileAttributes attrs = attributesOrNull(file);
            if (attrs == null || !attrs.isRegularFile()) {
                throw new BlobNotFoundException(key);
            }
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        } catch (IOException e) {
            throw unavailable("open", key, e);
        }
    }

    @Override
    public boolean delete(BlobKey key) {
        Objects.requireNonNull(key, "key");
        ensureWritable();
        Path target = layout.data(key);
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try {
            BasicFileAttributes attrs = attributesOrNull(target);
            boolean existed = attrs != null && attrs.isRegularFile();
            // The digest goes first, durably: a crash in between leaves an object without a digest
            // (as an interrupted put does), never a digest without its object.
            if (Files.deleteIfExists(layout.sidecar(key))) {
                fsync.directory(target.getParent());
            }
            if (existed) {
                Files.delete(target);
                fsync.directory(target.getParent());
            }
            return existed;
        } catch (IOException e) {
            throw unavailable("delete", key, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Stream<BlobKey> list(String prefix) {
        BlobKey.checkPrefix(prefix);
        ensureOpen();
        try {
            return FsListing.list(layout.root(), prefix);
        } catch (IOException e) {
            throw new StorageUnavailableException("listing keys with prefix \"" + prefix + "\" failed: " + e, e);
        }
    }

    /** Below this much free space a write of even a small object is likely to fail. */
    private static final long MIN_USABLE_BYTES = 1 << 20;

    /**
     * Checks that the root and the staging area exist and are writable for this process, that
     * the filesystem is not mounted read-only and has at least 1 MiB free: system calls that
     * read metadata only, no file is created.
     */
    @Override
    public void probe() {
        ensureWritable();
        try {
            if (!Files.isDirectory(layout.root()) || !Files.isWritable(layout.root()) || !Files.isWritable(layout.staging())) {
                throw new StorageUnavailableException("blob store root " + layout.root() + " or its staging area is missing or not writable");
            }
            FileStore store = Files.getFileStore(layout.root());
            if (store.isReadOnly()) {
                throw new StorageUnavailableException("blob store root " + layout.root() + " is on a read-only filesystem");
            }
            long usable = store.getUsableSpace();
            if (usable < MIN_USABLE_BYTES) {
                throw new StorageUnavailableException("blob store root " + layout.root() + " has " + usable + " bytes free");
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot check blob store root " + layout.root() + ": " + e, e);
        }
    }

    @Override
    public Optional<Path> localFile(BlobKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        Path file = layout.data(key);
        try {
            BasicFileAttributes attrs = attributesOrNull(file);
            return attrs != null && attrs.isRegularFile() ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            throw unavailable("stat", key, e);
        }
    }

    /**
     * The directory's inode and modification time, which the kernel sets whenever an entry is
     * created, renamed or removed in it. Its clock is coarse (a tick of a few milliseconds, a
     * server's clock on a network filesystem), so a change in the same tick as an earlier
     * listing could keep the time: a directory changed less than {@link #SETTLED_MILLIS} ago
     * gets no stamp. A later change then always shows as a later time.
     */
    @Override
    public Optional<String> listingStamp(String directoryPrefix) {
        BlobKey.checkPrefix(directoryPrefix);
        if (directoryPrefix.isEmpty() || !directoryPrefix.endsWith("/")) {
            throw new IllegalArgumentException("not a directory prefix: \"" + directoryPrefix + "\"");
        }
        ensureOpen();
        long now = System.currentTimeMillis();
        Path dir = layout.root().resolve(directoryPrefix.substring(0, directoryPrefix.length() - 1));
        try {
            BasicFileAttributes attrs = attributesOrNull(dir);
            if (attrs == null || !attrs.isDirectory() || attrs.fileKey() == null) {
                return Optional.empty();
            }
            long modified = attrs.lastModifiedTime().toMillis();
            if (modified > now - SETTLED_MILLIS) {
                return Optional.empty(); // too recent to tell (or in the future: a clock set back)
            }
            return Optional.of(attrs.fileKey() + "@" + attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            throw new StorageUnavailableException("stamping \"" + directoryPrefix + "\" failed: " + e, e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                if (rootLock != null) {
                    rootLock.close();
                }
            } catch (IOException e) {
                LOG.warn("releasing the lock on {} failed", layout.root(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "FileSystemBlobStore[" + layout.root() + (readOnly ? ", read-only" : "") + "]";
    }

    /** Creates {@code dir} and missing ancestors, flushing each new entry into its parent. */
    private void createDurably(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                Files.createDirectory(p, OwnerOnly.directory(p));
            } catch (FileAlreadyExistsException e) {
                // made concurrently: fine if it is a directory, checked by toRealPath/lock below
            }
            fsync.directory(p.getParent());
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (readOnly) {
            throw new IllegalStateException(this + " is open read-only (another process holds the root)");
        }
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static StorageUnavailableException unavailable(String operation, BlobKey key, IOException e) {
        return new StorageUnavailableException(operation + " " + key + " failed: " + e, e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", channel, e);
        }
    }
}
