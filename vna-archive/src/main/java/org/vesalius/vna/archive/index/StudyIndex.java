package org.vesalius.vna.archive.index;

import java.util.Collection;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * The query index: study, series and instance documents derived from the blob store (the
 * truth). It can be deleted and rebuilt from the blob store at any time ({@code vna reindex}).
 *
 * <p>Writes are idempotent on SOP Instance UID: indexing the same instance twice leaves one
 * instance document, and study/series aggregates (NumberOfStudyRelatedInstances,
 * ModalitiesInStudy, ...) count it once.
 *
 * <p>Every method throws {@link IndexUnavailableException} when the index cannot be reached;
 * callers on the ingest path queue the work durably instead of failing (docs/architecture.md,
 * invariant 4). The query side of this port is defined by the query feature.
 */
public interface StudyIndex {

    /** Adds or replaces the documents of these instances and updates their series and studies. */
    void index(Collection<ArchivedInstance> instances);

    /** Removes instances (and series or studies left empty). */
    void remove(Collection<InstanceRef> instances);

    /** True when the index answers now; cheap enough for health checks. */
    boolean isAvailable();

    /**
     * Makes every write so far visible to queries now, rather than at the index's next periodic
     * refresh: for a correction people wait to see (a patient update). Not for every write.
     */
    default void refresh() {
    }
}
