package org.vesalius.vna.archive.dimse;

import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;

/** A blob store whose writes fail as a full disk or an unreachable S3 would. */
final class FailingBlobStore implements BlobStore {

    private final BlobStore delegate;

    FailingBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public PutResult put(BlobKey key, InputStream content, PutMode mode) {
        throw new StorageUnavailableException("no space left on device (test)");
    }

    @Override
    public Optional<StoredObject> stat(BlobKey key) {
        return delegate.stat(key);
    }

    @Override
    public InputStream open(BlobKey key) {
        return delegate.open(key);
    }

    @Override
    public InputStream openRange(BlobKey key, long offset, long length) {
        return delegate.openRange(key, offset, length);
    }

    @Override
    public boolean delete(BlobKey key) {
        return delegate.delete(key);
    }

    @Override
    public Stream<BlobKey> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
