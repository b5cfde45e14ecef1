package org.vesalius.vna.archive.storage;

import java.util.Objects;

/** No object under the key. */
public final class BlobNotFoundException extends BlobStoreException {

    private final transient BlobKey key;

    public BlobNotFoundException(BlobKey key) {
        super("no object under key " + Objects.requireNonNull(key, "key"), null);
        this.key = key;
    }

    public BlobKey key() {
        return key;
    }
}
