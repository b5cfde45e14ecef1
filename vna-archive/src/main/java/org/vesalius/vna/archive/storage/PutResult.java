package org.vesalius.vna.archive.storage;

import java.util.Objects;

/** The outcome of {@link BlobStore#put(BlobKey, java.io.InputStream, PutMode)}. */
public sealed interface PutResult {

    /** The object under the key when {@code put} returned: the new one, or the one kept. */
    StoredObject object();

    /** The content was written and is durable. */
    record Written(StoredObject object) implements PutResult {
        public Written {
            Objects.requireNonNull(object, "object");
        }
    }

    /**
     * {@link PutMode#IF_ABSENT} found the key taken and left it alone. The offered content was
     * read to its end (and discarded) so that the caller can compare it with what is stored.
     *
     * @param object            the object that stays under the key
     * @param offeredSize       length of the content that was offered
     * @param offeredSha256Hex  SHA-256 of the content that was offered
     */
    record Existing(StoredObject object, long offeredSize, String offeredSha256Hex) implements PutResult {
        public Existing {
            Objects.requireNonNull(object, "object");
            if (!StoredObject.isSha256Hex(offeredSha256Hex)) {
                throw new IllegalArgumentException("not a lower-case hex SHA-256: " + offeredSha256Hex);
            }
        }

        /**
         * Whether the stored object is known to have the offered bytes (same size and SHA-256).
         * {@code false} also when the stored object has no recorded digest.
         */
        public boolean sameContent() {
            return object.hasContent(offeredSize, offeredSha256Hex);
        }
    }
}
