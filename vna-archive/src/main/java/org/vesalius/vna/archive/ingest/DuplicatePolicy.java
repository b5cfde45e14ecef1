package org.vesalius.vna.archive.ingest;

import org.vesalius.vna.archive.api.ingest.IngestResult;

/**
 * What ingest does with an object whose SOP Instance UID is already stored (under the same study
 * and series) with <em>different</em> bytes. The same bytes again are always a successful no-op.
 */
public enum DuplicatePolicy {

    /**
     * Refuse the new object ({@link IngestResult.Duplicate}: DIMSE 0xA900, STOW-RS FailureReason
     * 0x0111 / HTTP 409). The stored object stays as it is. The default.
     */
    REJECT,

    /**
     * Keep both: the new object is stored under a version key beside the first one
     * ({@code {SOPInstanceUID}.v{yyyyMMddHHmmssSSS}-{random}.dcm}) and becomes the current version,
     * the one the index describes. Older versions stay in the blob store and are never deleted by
     * ingest.
     */
    KEEP_AS_NEW_VERSION
}
