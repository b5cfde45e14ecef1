package org.vesalius.vna.archive.storage;

import org.vesalius.vna.archive.api.failure.UnavailableException;

/**
 * A {@link BlobStore} failure. The subtypes are the whole vocabulary of the store; backend
 * exception types (I/O, AWS SDK) appear only as causes, for the log.
 *
 * <p>Each is an {@link UnavailableException}: when one reaches an edge the archive failed, not
 * the caller, and the edge maps it like any other unavailable part of the archive. Services that
 * expect a missing blob turn {@link BlobNotFoundException} into what it means to them first
 * (the retrieve service into "no such instance", ingest a {@link ContentReadException} into a
 * failed part).
 */
abstract sealed class BlobStoreException extends UnavailableException
        permits StorageUnavailableException, BlobNotFoundException, ContentReadException {

    protected BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
