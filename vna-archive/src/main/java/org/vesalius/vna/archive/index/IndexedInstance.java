package org.vesalius.vna.archive.index;

import java.util.Objects;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * What the index says about where an instance is stored.
 *
 * @param ref       the instance
 * @param blobKey   the key of the version it describes
 * @param size      that object's size as indexed
 * @param sha256Hex that object's digest as indexed, or null when none was recorded
 */
public record IndexedInstance(InstanceRef ref, String blobKey, long size, String sha256Hex) {

    public IndexedInstance {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(blobKey, "blobKey");
    }
}
