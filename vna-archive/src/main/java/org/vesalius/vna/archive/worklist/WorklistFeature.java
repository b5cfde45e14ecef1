package org.vesalius.vna.archive.worklist;

import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.index.WorklistIndex;
import org.vesalius.vna.archive.storage.BlobStore;

/** Builds the worklist. */
public final class WorklistFeature {

    private WorklistFeature() {
    }

    /** The worklist on {@code blobs} (the truth) and {@code index} (what searches read). */
    public static WorklistPort create(BlobStore blobs, WorklistIndex index) {
        return new WorklistService(blobs, index);
    }
}
