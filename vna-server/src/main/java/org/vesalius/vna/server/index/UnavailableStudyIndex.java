package org.vesalius.vna.server.index;

import java.util.Collection;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.StudyIndex;

/**
 * PLACEHOLDER until the Elasticsearch adapter ({@code ElasticsearchStudyIndex} in
 * {@code org.vesalius.vna.archive.index.elasticsearch}) is merged: an index that is never
 * available. Ingest keeps working against it exactly as it does while Elasticsearch is down:
 * every instance is stored and queued ({@code index-queue/} in the blob store), and the queue is
 * drained into the real index once it is wired in {@link IndexConfiguration}.
 */
final class UnavailableStudyIndex implements StudyIndex {

    static final String REASON = "no Elasticsearch adapter is wired in this build yet; instances are queued for indexing";

    @Override
    public void index(Collection<ArchivedInstance> instances) {
        throw new IndexUnavailableException(REASON, null);
    }

    @Override
    public void remove(Collection<InstanceRef> instances) {
        throw new IndexUnavailableException(REASON, null);
    }

    @Override
    public boolean isAvailable() {
        return false;
    }
}
