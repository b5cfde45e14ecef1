package org.vesalius.vna.archive.maintenance;

import java.util.Objects;

/**
 * One thing {@code vna verify} or {@code vna reindex} found about one blob or document.
 *
 * @param code           what, in a stable machine-readable form
 * @param key            the blob key concerned ("" when there is none, e.g. a document without blob)
 * @param sopInstanceUid the instance concerned, or "" when the key is not an instance's
 * @param detail         human-readable specifics (digests, fields, the reader's message)
 */
record Finding(Code code, String key, String sopInstanceUid, String detail) {

    public Finding {
        Objects.requireNonNull(code, "code");
        key = key == null ? "" : key;
        sopInstanceUid = sopInstanceUid == null ? "" : sopInstanceUid;
        detail = detail == null ? "" : detail;
    }

    /** What was found. {@link #difference()} tells a problem from a note. */
    public enum Code {
        /** The content's SHA-256 is not the digest recorded when it was stored. */
        HASH_MISMATCH(true, "content does not match its recorded SHA-256"),
        /** The content is not as long as recorded. */
        SIZE_MISMATCH(true, "content is not as long as recorded"),
        /** No digest is recorded for the object (written by another tool, or a crash between two renames). */
        NO_DIGEST(true, "no SHA-256 recorded"),
        /** Reading the object failed before its end. */
        UNREADABLE(true, "cannot be read to its end"),
        /** The object's header cannot be parsed (or its coercion record read): it cannot be indexed. */
        HEADER_UNREADABLE(true, "header cannot be read; not indexable"),
        /** The UIDs in the header are not those of the key the object is stored under. */
        KEY_MISMATCH(true, "header UIDs differ from the key"),
        /** The index has no document for a stored instance. */
        MISSING_FROM_INDEX(true, "stored, not in the index"),
        /** The index describes another version, size or digest of the instance. */
        STALE_IN_INDEX(true, "the index describes another object"),
        /** The index holds other attribute values than the stored object gives. */
        ATTRIBUTES_DIFFER(true, "indexed attributes differ from the stored object"),
        /** The index has a document whose blob is not stored. */
        BLOB_MISSING(true, "in the index, not stored"),
        /** A study or series summary in the index disagrees with the instances it holds (vna reindex rebuilds it). */
        SUMMARY_DIFFERS(true, "a study or series summary disagrees with its instances"),
        /** The index refused the instance's document (a value its mapping cannot take). */
        INDEX_REFUSED(true, "refused by the index"),
        /** The instance is waiting in the index queue: not a difference, the catch-up indexes it. */
        QUEUED(false, "queued for indexing");

        private final boolean difference;
        private final String description;

        Code(boolean difference, String description) {
            this.difference = difference;
            this.description = description;
        }

        /** True for a difference between what is stored and what should be; false for a note. */
        public boolean difference() {
            return difference;
        }

        /** A short description. */
        public String description() {
            return description;
        }
    }
}
