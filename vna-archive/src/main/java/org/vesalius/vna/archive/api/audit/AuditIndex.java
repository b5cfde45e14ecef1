package org.vesalius.vna.archive.api.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where the audit trail keeps its records queryable (the {@link AuditSearchPort} reads them). The
 * audit trail writes here from its durable queue, in order, and moves on only once a batch is
 * stored: a store that is down makes records wait, never lose them. Writing the same record
 * again (same id) replaces it, so redelivery after a crash is harmless.
 */
public interface AuditIndex {

    /**
     * Stores the records (replacing those with the same id).
     *
     * @throws IOException the store did not take all of them: the caller tries the batch again
     */
    void store(List<AuditRecord> records) throws IOException;

    /**
     * Removes the records older than {@code cutoff} (retention).
     *
     * @return how many were removed
     * @throws IOException the store did not answer
     */
    long removeOlderThan(Instant cutoff) throws IOException;
}
