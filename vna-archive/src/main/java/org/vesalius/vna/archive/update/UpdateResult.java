package org.vesalius.vna.archive.update;

import org.vesalius.vna.archive.journal.JournalEntry;

/**
 * What an update did.
 *
 * @param entry            the journal entry, durable: from now on retrieval serves the change
 * @param instancesIndexed instances whose index documents were rewritten
 * @param indexPending     true when the index could not be brought in line now (it is down): a
 *                         durable marker makes {@link UpdateService#drainPending()} finish it
 */
public record UpdateResult(JournalEntry entry, int instancesIndexed, boolean indexPending) {
}
