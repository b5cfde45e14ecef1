package org.vesalius.vna.archive.storage;

/**
 * A {@link BlobStore} failure. The subtypes are the whole vocabulary: callers map them once
 * per protocol (DIMSE status, HTTP problem, HL7 ACK). Backend exception types (I/O, AWS SDK)
 * appear only as causes, for the log.
 */
public abstract sealed class BlobStoreException extends RuntimeException
        permits StorageUnavailableException, BlobNotFoundException, ContentReadException {

    protected BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
