package org.vesalius.vna.archive.storage.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * Lazy listing of a {@link FileSystemBlobStore}: walks only the directories the prefix can
 * match, one directory handle per level open at a time, and never the content of hidden
 * directories' files as keys.
 */
final class FsListing {

    private static final Logger LOG = LoggerFactory.getLogger(FsListing.class);

    private FsListing() {
    }

    static Stream<BlobKey> list(Path root, String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        String partial = prefix.substring(slash + 1);
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return Stream.empty();
        }
        Stream<Path> files;
        if (partial.isEmpty()) {
            files = walk(start);
        } else {
            // Only the entries of 'start' whose name begins with the partial segment.
            DirectoryStream<Path> entries = Files.newDirectoryStream(start,
                    p -> p.getFileName().toString().startsWith(partial));
            files = StreamSupport.stream(entries.spliterator(), false)
                    .onClose(() -> closeQuietly(entries))
                    .flatMap(FsListing::walkUnchecked);
        }
        Stream<BlobKey> keys = files
                .map(p -> toKey(root, p))
                .filter(k -> k != null && k.startsWith(prefix));
        return StreamSupport.stream(new Translating<>(keys.spliterator(), prefix), false)
                .onClose(keys::close);
    }

    /**
     * The regular files under {@code start}, depth first, lazily. Hidden names (lock, staging
     * area, digest files) are skipped without a look at their attributes, and an entry that
     * disappears between the directory read and its {@code stat} (a concurrent delete) is skipped:
     * the listing is weakly consistent, not failing ({@code Files.find} fails on such an entry).
     */
    private static Stream<Path> walk(Path start) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(start, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException gone) {
            return Stream.empty();
        }
        if (!attrs.isDirectory()) {
            return attrs.isRegularFile() ? Stream.of(start) : Stream.empty();
        }
        Walker walker = new Walker(start);
        return StreamSupport.stream(walker, false).onClose(walker::close);
    }

    private static Stream<Path> walkUnchecked(Path start) {
        try {
            return walk(start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key of a file under the root, or null for our own hidden files and foreign names. */
    private static BlobKey toKey(Path root, Path file) {
        String relative = root.relativize(file).toString();
        if (!"/".equals(file.getFileSystem().getSeparator())) {
            relative = relative.replace(file.getFileSystem().getSeparator(), "/");
        }
        if (relative.startsWith(".") || relative.contains("/.")) {
            return null; // lock file, staging area, digest files
        }
        if (!BlobKey.isValid(relative)) {
            LOG.warn("listing skips {}: its name is not a valid blob key (not written by this store)", file);
            return null;
        }
        return BlobKey.of(relative);
    }

    private static void closeQuietly(DirectoryStream<Path> stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing a directory stream failed", e);
        }
    }

    /** A depth-first walk holding one open directory per level. */
    private static final class Walker implements Spliterator<Path> {
        private final java.util.ArrayDeque<DirectoryStream<Path>> open = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<java.util.Iterator<Path>> iterators = new java.util.ArrayDeque<>();

        Walker(Path start) throws IOException {
            push(start);
        }

        private void push(Path dir) throws IOException {
            DirectoryStream<Path> stream = Files.newDirectoryStream(dir, p -> !p.getFileName().toString().startsWith("."));
            open.push(stream);
            iterators.push(stream.iterator());
        }

        @Override
        public boolean tryAdvance(Consumer<? super Path> action) {
            while (!iterators.isEmpty()) {
                java.util.Iterator<Path> it = iterators.peek();
                if (!it.hasNext()) {
                    iterators.pop();
                    closeQuietly(open.pop());
                    continue;
                }
                Path entry = it.next();
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attrs.isDirectory()) {
                        push(entry);
                        continue;
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue; // deleted since the directory was read
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (attrs.isRegularFile()) {
                    action.accept(entry);
                    return true;
                }
            }
            return false;
        }

        void close() {
            while (!open.isEmpty()) {
                closeQuietly(open.pop());
            }
            iterators.clear();
        }

        @Override
        public Spliterator<Path> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return Long.MAX_VALUE;
        }

        @Override
        public int characteristics() {
            return Spliterator.NONNULL | Spliterator.DISTINCT;
        }
    }

    /** Turns the walk's unchecked I/O exceptions into the port's failure type. */
    private static final class Translating<T> implements Spliterator<T> {
        private final Spliterator<T> delegate;
        private final String prefix;

        Translating(Spliterator<T> delegate, String prefix) {
            this.delegate = delegate;
            this.prefix = prefix;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            @SuppressWarnings("unchecked")
            T[] next = (T[]) new Object[1];
            boolean advanced;
            try {
                advanced = delegate.tryAdvance(t -> next[0] = t);
            } catch (UncheckedIOException e) {
                throw failure(e.getCause());
            } catch (DirectoryIteratorException e) {
                throw failure(e.getCause());
            }
            if (advanced) {
                action.accept(next[0]); // the caller's code runs outside the translation
            }
            return advanced;
        }

        private StorageUnavailableException failure(IOException cause) {
            return new StorageUnavailableException("listing keys with prefix \"" + prefix + "\" failed: " + cause, cause);
        }

        @Override
        public Spliterator<T> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return Long.MAX_VALUE;
        }

        @Override
        public int characteristics() {
            return Spliterator.NONNULL | Spliterator.DISTINCT;
        }
    }
}
