package org.vesalius.vna.archive.storage;

import java.io.IOException;

/**
 * Reading the content given to {@code put} failed (the sender's connection broke, the file
 * being imported is unreadable). The store's side is fine: nothing was stored under the key
 * and no temporary data was left behind. Whether to retry is the sender's business.
 */
public final class ContentReadException extends BlobStoreException {

    public ContentReadException(String message, IOException cause) {
        super(message, cause);
    }
}
