package org.vesalius.vna.archive.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and how an instance is held in the blob store, as plain values: what an index document
 * records and what {@code vna verify} checks, without the blob store's own types crossing the API.
 *
 * @param key       the object's key in the blob store ({@code studies/.../instances/....dcm})
 * @param size      its size in bytes
 * @param sha256Hex its SHA-256 as 64 lower-case hex digits, or null when none was recorded
 * @param created   when the blob store wrote it
 */
public record StoredBlob(String key, long size, String sha256Hex, Instant created) {

    public StoredBlob {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(created, "created");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
