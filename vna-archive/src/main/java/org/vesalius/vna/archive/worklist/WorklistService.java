package org.vesalius.vna.archive.worklist;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;
import org.vesalius.vna.archive.index.WorklistIndex;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/** The worklist: blob store first (the truth), then the index. */
final class WorklistService implements WorklistPort {

    /** Where items live in the blob store. */
    static final String PREFIX = "worklist/";

    private final BlobStore blobs;
    private final WorklistIndex index;

    WorklistService(BlobStore blobs, WorklistIndex index) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.index = Objects.requireNonNull(index, "index");
    }

    static BlobKey keyOf(String id) {
        return BlobKey.of(PREFIX + id + ".json");
    }

    @Override
    public WorklistItem schedule(WorklistItem item) {
        if (item.patient().id().isEmpty()) {
            throw new InvalidRequestException("PatientID", "a worklist item needs the patient's ID");
        }
        try {
            blobs.put(keyOf(item.id()), new ByteArrayInputStream(WorklistFormat.toJson(item)));
        } catch (StorageUnavailableException e) {
            throw new UnavailableException("the worklist item " + item.id() + " cannot be stored now: " + e.getMessage(), e);
        }
        // An index failure propagates (IndexUnavailableException is an UnavailableException): the blob is
        // written, and the caller's retry stores it again and repairs the index.
        index.put(item);
        return item;
    }

    @Override
    public Optional<WorklistItem> item(String id) {
        BlobKey key;
        try {
            key = keyOf(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not an id this worklist gives
        }
        try (InputStream in = blobs.open(key)) {
            return Optional.of(WorklistFormat.parse(in));
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        } catch (StorageUnavailableException e) {
            throw new UnavailableException("the worklist cannot be read now: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UnavailableException("the worklist item " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<WorklistItem> find(WorklistQuery query) {
        return index.find(query);
    }
}
