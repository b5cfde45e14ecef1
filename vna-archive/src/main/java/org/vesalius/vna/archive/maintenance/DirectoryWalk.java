package org.vesalius.vna.archive.maintenance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * The keys of a blob store listing in runs by directory (the part of the key up to its last
 * {@code /}). The store lists the keys under a directory together ({@link BlobStore#list}), so a
 * series' instances directory, and with it every version of each of its instances, is one run and
 * memory stays bounded by one directory. A directory larger than {@code maxKeys} comes in several
 * runs marked {@link Directory#partial()}.
 */
final class DirectoryWalk implements Iterator<DirectoryWalk.Directory> {

    /**
     * One run of keys of one directory.
     *
     * @param path    the directory, with its trailing {@code /} ("" for the root)
     * @param keys    its keys in this run
     * @param partial true when the directory has more keys than this run (before or after it)
     */
    record Directory(String path, List<BlobKey> keys, boolean partial) {
    }

    private final Iterator<BlobKey> keys;
    private final int maxKeys;
    private BlobKey pending;
    private boolean continuing;

    private DirectoryWalk(Iterator<BlobKey> keys, int maxKeys) {
        this.keys = keys;
        this.maxKeys = maxKeys;
    }

    /** The directories under {@code prefix}, lazily; close the stream (it closes the listing). */
    static Stream<Directory> of(BlobStore blobs, String prefix, int maxKeys) {
        Stream<BlobKey> listing = blobs.list(prefix);
        DirectoryWalk walk = new DirectoryWalk(listing.iterator(), maxKeys);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk, Spliterator.NONNULL | Spliterator.ORDERED), false)
                .onClose(listing::close);
    }

    static String directoryOf(BlobKey key) {
        String v = key.value();
        return v.substring(0, v.lastIndexOf('/') + 1);
    }

    @Override
    public boolean hasNext() {
        return pending != null || keys.hasNext();
    }

    @Override
    public Directory next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BlobKey first = pending != null ? pending : keys.next();
        pending = null;
        String path = directoryOf(first);
        List<BlobKey> run = new ArrayList<>();
        run.add(first);
        boolean partial = continuing;
        continuing = false;
        while (keys.hasNext()) {
            BlobKey key = keys.next();
            if (!directoryOf(key).equals(path)) {
                pending = key;
                break;
            }
            if (run.size() == maxKeys) {
                pending = key;
                continuing = true;
                partial = true;
                break;
            }
            run.add(key);
        }
        return new Directory(path, run, partial);
    }
}
