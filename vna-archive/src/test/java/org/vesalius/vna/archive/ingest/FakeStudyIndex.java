package org.vesalius.vna.archive.ingest;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.StudyIndex;

/** An in-memory {@link StudyIndex} for unit tests: one document per SOP Instance UID, switchable off. */
public final class FakeStudyIndex implements StudyIndex {

    public final Map<String, ArchivedInstance> documents = new ConcurrentHashMap<>();
    /** The size of each {@link #index} call, in order. */
    public final java.util.Queue<Integer> batchSizes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    final AtomicInteger indexCalls = new AtomicInteger();
    public volatile boolean available = true;
    /** SOP Instance UIDs the index refuses for reasons of its own. */
    public final java.util.Set<String> refuse = ConcurrentHashMap.newKeySet();
    /** An Error the next {@link #index} call throws (once), as a client's OutOfMemoryError would. */
    public final AtomicReference<Error> failNext = new AtomicReference<>();

    /**
     * An Error of the test's own: not an OutOfMemoryError, which JUnit rethrows as unrecoverable
     * and which would end the test JVM instead of failing a test.
     */
    public static final class InjectedError extends Error {
        public InjectedError(String message) {
            super(message);
        }
    }

    @Override
    public void index(Collection<ArchivedInstance> instances) {
        indexCalls.incrementAndGet();
        batchSizes.add(instances.size());
        Error error = failNext.getAndSet(null);
        if (error != null) {
            throw error;
        }
        if (!available) {
            throw new IndexUnavailableException("index down (test)", null);
        }
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (ArchivedInstance i : instances) {
            if (refuse.contains(i.ref().sopInstanceUid())) {
                refused.put(i.ref().sopInstanceUid(), "a value the mapping cannot take (test)");
            } else {
                documents.put(i.ref().sopInstanceUid(), i);
            }
        }
        if (!refused.isEmpty()) {
            throw new org.vesalius.vna.archive.index.IndexWriteException(refused);
        }
    }

    @Override
    public void remove(Collection<InstanceRef> instances) {
        if (!available) {
            throw new IndexUnavailableException("index down (test)", null);
        }
        instances.forEach(r -> documents.remove(r.sopInstanceUid()));
    }

    @Override
    public boolean isAvailable() {
        return available;
    }
}
