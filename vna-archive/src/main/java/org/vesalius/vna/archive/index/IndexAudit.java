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
}
