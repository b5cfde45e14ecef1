package org.vesalius.vna.archive.ingest;

import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.IngestResult.Disposition;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * Puts an object's bytes into the blob store under its SOP Instance UID, deduplicating: the same
 * bytes again are a no-op, different bytes follow the {@link DuplicatePolicy}. The content is read
 * once, as it streams in; its digest is known only at the end, so the decision is made by the
 * store ({@link PutMode#IF_ABSENT}), never by buffering.
 */
final class InstanceWriter {

    /** Where the bytes went. {@code current} is true when this object is the version the index describes. */
    record Placement(StoredObject object, Disposition disposition, boolean current) {
    }

    /** Different bytes are stored under the UID and the policy refuses the new ones. */
    static final class DuplicateFound extends Exception {
        private static final long serialVersionUID = 1L;
        final transient StoredObject existing;
        final String offeredSha256Hex;

        DuplicateFound(StoredObject existing, String offeredSha256Hex, String message) {
            super(message, null, false, false);
            this.existing = existing;
            this.offeredSha256Hex = offeredSha256Hex;
        }
    }

    private final BlobStore blobs;
    private final Clock clock;

    InstanceWriter(BlobStore blobs, Clock clock) {
        this.blobs = blobs;
        this.clock = clock;
    }

    Placement place(InstanceRef ref, InputStream content, DuplicatePolicy policy) throws DuplicateFound {
        BlobKey primary = InstanceVersions.primary(ref);
        if (policy == DuplicatePolicy.KEEP_AS_NEW_VERSION && blobs.stat(primary).isPresent()) {
            return placeVersion(ref, content);
        }
        PutResult put = blobs.put(primary, content, PutMode.IF_ABSENT);
        return switch (put) {
            case PutResult.Written w -> new Placement(w.object(), Disposition.NEW, true);
            case PutResult.Existing e when e.sameContent() -> alreadyStored(ref, e.object());
            case PutResult.Existing e -> throw new DuplicateFound(e.object(), e.offeredSha256Hex(),
                    policy == DuplicatePolicy.REJECT
                            ? "SOP Instance UID " + ref.sopInstanceUid() + " is already stored with different content"
                                    + " (stored SHA-256 " + e.object().sha256Hex() + ", offered " + e.offeredSha256Hex() + ")"
                            : "another object with SOP Instance UID " + ref.sopInstanceUid()
                                    + " was stored at the same moment; send it again to keep it as a new version");
        };
    }

    /** KEEP_AS_NEW_VERSION with the first version present: write a new version, unless it repeats one. */
    private Placement placeVersion(InstanceRef ref, InputStream content) throws DuplicateFound {
        BlobKey key = InstanceVersions.newVersion(ref, clock.instant());
        PutResult put = blobs.put(key, content, PutMode.IF_ABSENT);
        if (put instanceof PutResult.Existing e) {
            throw new DuplicateFound(e.object(), e.offeredSha256Hex(), "version key collision for " + key + "; send it again");
        }
        StoredObject written = put.object();
        for (BlobKey other : InstanceVersions.all(blobs, ref)) {
            if (other.equals(key)) {
                continue;
            }
            Optional<StoredObject> existing = blobs.stat(other);
            if (existing.isPresent() && existing.get().hasContent(written.size(), written.sha256Hex())) {
                // The same bytes as a stored version: that one stays, the copy goes.
                blobs.delete(key);
                return alreadyStored(ref, existing.get());
            }
        }
        return new Placement(written, Disposition.NEW_VERSION, true);
    }

    private Placement alreadyStored(InstanceRef ref, StoredObject object) {
        boolean current = InstanceVersions.current(blobs, ref).map(object.key()::equals).orElse(true);
        return new Placement(object, Disposition.ALREADY_STORED, current);
    }
}
