package org.vesalius.vna.archive.api.ingest;

import java.util.List;
import java.util.Objects;
import org.vesalius.vna.archive.api.ArchivedInstance;

/**
 * The outcome of {@link IngestPort#ingest}: stored, or one of a few typed failures that each
 * protocol edge maps once (DIMSE status, STOW-RS FailureReason and HTTP status).
 *
 * <p>Every failure leaves nothing behind in the blob store.
 */
public sealed interface IngestResult {

    /** The object's identifiers as far as they are known. */
    ObjectIds ids();

    /** Whether the object is stored (durably) and indexed or queued for indexing. */
    default boolean isStored() {
        return this instanceof Stored;
    }

    /** What a successful ingest did with the bytes. */
    enum Disposition {
        /** Stored for the first time. */
        NEW,
        /** The same bytes were already stored under this SOP Instance UID: nothing written. */
        ALREADY_STORED,
        /** Different bytes under a stored SOP Instance UID, kept as a new version (duplicate policy {@code KEEP_AS_NEW_VERSION}). */
        NEW_VERSION
    }

    /**
     * The object is durable in the blob store and indexed, or durably queued for indexing.
     *
     * @param instance    the instance as indexed (header after coercion, blob with size and SHA-256)
     * @param disposition new, already there, or new version
     * @param coercions   the changes applied to the header (recorded beside the blob, applied on
     *                    retrieval); empty when none. Edges answer with a coercion warning.
     * @param indexing    indexed; or queued because the index was unavailable (indexed by
     *                    the index catch-up when it is back); or refused by the index for reasons
     *                    of its own (archived, recorded, not queryable)
     */
    record Stored(ArchivedInstance instance, Disposition disposition, List<Coercion> coercions, Indexing indexing)
            implements IngestResult {
        public Stored {
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(indexing, "indexing");
            coercions = List.copyOf(coercions);
        }

        /** True when the instance waits in the index queue. */
        public boolean indexQueued() {
            return indexing == Indexing.QUEUED;
        }

        @Override
        public ObjectIds ids() {
            return new ObjectIds(instance.sopClassUid(), instance.ref().sopInstanceUid(), instance.ref().studyInstanceUid());
        }
    }

    /** Nothing was stored. {@link #message()} says why, for logs and error comments. */
    sealed interface Failure extends IngestResult {
        String message();
    }

    /** What is wrong with an invalid object. */
    enum Problem {
        /** Not DICOM at all. */
        NOT_DICOM,
        /** DICOM, but not a Part 10 file where one is required (no File Meta, no Transfer Syntax UID). */
        NOT_PART10,
        /** The encoding is broken. */
        MALFORMED,
        /** The object ends before its encoding says it should. */
        TRUNCATED,
        /** The header (everything before Pixel Data) is larger than the configured cap. */
        HEADER_TOO_LARGE,
        /** A required attribute (SOP Class/Instance, Study, Series UID) is missing or empty. */
        MISSING_ATTRIBUTE,
        /** A required attribute has an invalid value (a UID that is not a UID). */
        INVALID_ATTRIBUTE,
        /** The data set contradicts its envelope (the C-STORE command, the File Meta). */
        UID_MISMATCH,
        /** The object belongs to another study than the one the request names (STOW-RS). */
        STUDY_MISMATCH,
        /**
         * The object's patient (Patient ID and Issuer, Name, Birth Date) contradicts the patient of
         * the stored study it would join; the reason names the attribute.
         */
        PATIENT_MISMATCH
    }

    /**
     * The object was refused: nothing stored.
     *
     * @param ids     what could be read
     * @param problem the kind of problem
     * @param reason  a sentence for the sender
     * @param tag     the offending element, or -1
     */
    record InvalidObject(ObjectIds ids, Problem problem, String reason, int tag) implements Failure {
        public InvalidObject {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(reason, "reason");
        }

        /** True for problems of the encoding (the object cannot be understood), false for content. */
        public boolean cannotUnderstand() {
            return switch (problem) {
                case NOT_DICOM, NOT_PART10, MALFORMED, TRUNCATED, HEADER_TOO_LARGE -> true;
                case MISSING_ATTRIBUTE, INVALID_ATTRIBUTE, UID_MISMATCH, STUDY_MISMATCH, PATIENT_MISMATCH -> false;
            };
        }

        @Override
        public String message() {
            return reason;
        }
    }

    /**
     * Different bytes are stored under this SOP Instance UID and the policy is
     * {@code REJECT}: the stored object stays, the new one was not stored.
     *
     * @param existingSha256Hex SHA-256 of the stored object (the storage location stays inside
     *                         the archive)
     * @param offeredSha256Hex SHA-256 of the refused bytes
     */
    record Duplicate(ObjectIds ids, String existingSha256Hex, String offeredSha256Hex, String message) implements Failure {
        public Duplicate {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(existingSha256Hex, "existingSha256Hex");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Out of resources: the blob store could not store it (disk full, S3 down), or the header memory all parses share is taken (large headers in flight): retry later. */
    record StorageUnavailable(ObjectIds ids, String message) implements Failure {
        public StorageUnavailable {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Reading the sender's stream failed (the connection broke, the request body ended early). */
    record SourceFailure(ObjectIds ids, String message) implements Failure {
        public SourceFailure {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(message, "message");
        }
    }

    /** An unexpected error in the archive (a bug); logged with its stack trace. */
    record ProcessingFailure(ObjectIds ids, String message) implements Failure {
        public ProcessingFailure {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(message, "message");
        }
    }
}
