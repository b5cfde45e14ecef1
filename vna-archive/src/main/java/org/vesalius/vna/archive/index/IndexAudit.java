package org.vesalius.vna.archive.index;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.vesalius.vna.archive.api.ArchivedInstance;

/**
 * Compares the index with what the blob store says it should hold ({@code vna verify}).
 * Methods throw {@link IndexUnavailableException} when the index cannot answer.
 */
public interface IndexAudit {

    /**
     * How the documents of these instances differ from those the index holds: one entry per
     * instance that is missing or differs, none for those that agree. Ingest facts the blob
     * store does not keep (when and from whom an instance was received) are not compared.
     */
    List<DocumentDifference> compare(Collection<ArchivedInstance> expected);

    /** Every document the index holds, lazily, in SOP Instance UID order. Close the stream. */
    Stream<IndexedInstance> instances();

    /**
     * Checks the study and series summaries an index keeps beside its instance documents against
     * those instances, giving each summary that is missing, orphaned or differs to
     * {@code differences}; answers how many studies were checked. An index without summaries
     * has nothing to check.
     */
    default long compareSummaries(java.util.function.Consumer<SummaryDifference> differences) {
        return 0;
    }
}
