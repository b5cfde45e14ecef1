package org.vesalius.vna.archive.index;

/**
 * An index that can be rebuilt beside the one in use and then swapped in at once, so that queries
 * keep working while {@code vna reindex} runs (the module README, "Versions and migration").
 */
public interface RebuildableIndex {

    /**
     * Creates a new, empty index beside the live one and marks a build as running.
     *
     * @param takeOver discard the index of a build that is marked as running (one that was
     *                 interrupted, or runs elsewhere) instead of refusing
     * @throws IndexBuildConflictException another build is marked as running and {@code takeOver}
     *                                     is false
     * @throws IndexUnavailableException   the index cannot be reached
     */
    IndexBuild startBuild(boolean takeOver);
}
