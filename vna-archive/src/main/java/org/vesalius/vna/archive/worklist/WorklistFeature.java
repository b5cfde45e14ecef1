package org.vesalius.vna.archive.worklist;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.index.WorklistIndex;
import org.vesalius.vna.archive.storage.BlobStore;

/** Builds the worklist, and indexes it again from the blob store. */
public final class WorklistFeature {

    private WorklistFeature() {
    }

    /** The worklist on {@code blobs} (the truth) and {@code index} (what searches read). */
    public static WorklistPort create(BlobStore blobs, WorklistIndex index) {
        return new WorklistService(blobs, index);
    }

    /**
     * Indexes every item the blob store holds again ({@code vna reindex}): the index is derived, the
     * items are the truth.
     *
     * @return the items indexed
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the store or the index failed
     */
    public static long reindex(BlobStore blobs, WorklistIndex index) {
        WorklistService worklist = new WorklistService(blobs, index);
        long indexed = 0;
        List<BlobKey> keys;
        try (Stream<BlobKey> listing = blobs.list(WorklistService.PREFIX)) {
            keys = listing.filter(k -> k.value().endsWith(".json")).toList();
        }
        for (BlobKey key : keys) {
            String name = key.value().substring(WorklistService.PREFIX.length());
            Optional<WorklistItem> item = worklist.item(name.substring(0, name.length() - ".json".length()));
            if (item.isPresent()) {
                index.put(item.get());
                indexed++;
            }
        }
        return indexed;
    }
}
