package org.vesalius.vna.server.dicomweb;

import org.vesalius.vna.archive.storage.BlobStore;

/**
 * Breaks the server's edge rule on purpose (a controller-side class holding the blob store); only
 * {@code ServerArchitectureTest} imports it.
 */
final class ReachingInControllerFixture {

    private final BlobStore blobs;

    ReachingInControllerFixture(BlobStore blobs) {
        this.blobs = blobs;
    }

    BlobStore blobs() {
        return blobs;
    }
}
