package org.vesalius.vna.archive.storage;

/**
 * The backend could not do the operation: an I/O error, a full disk, S3 unreachable or
 * answering 5xx, a timeout, refused credentials. Nothing is known to have changed under the
 * key, and the operation may be retried (possibly after an operator fixed the cause).
 */
public final class StorageUnavailableException extends BlobStoreException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageUnavailableException(String message) {
        super(message, null);
    }
}
