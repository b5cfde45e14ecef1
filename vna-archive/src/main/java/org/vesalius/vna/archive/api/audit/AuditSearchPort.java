package org.vesalius.vna.archive.api.audit;

import java.util.List;
import java.util.Optional;

/**
 * The audit trail, queryable: what {@code /api/audit} and the FHIR {@code AuditEvent} search
 * read. Records arrive here from the node's durable audit queue in the background, so the
 * newest ones may take a moment (longer while the store is down) to be found.
 *
 * @see AuditIndex the side that writes
 */
public interface AuditSearchPort {

    /**
     * The records matching {@code search}, newest first.
     *
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the store does not answer
     */
    Page search(AuditSearch search);

    /**
     * One record by its id.
     *
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the store does not answer
     */
    Optional<AuditRecord> find(String id);

    /**
     * One page of records.
     *
     * @param records the records, newest first
     * @param total   how many match in all (at least {@code records.size()})
     */
    record Page(List<AuditRecord> records, long total) {

        public Page {
            records = List.copyOf(records);
        }
    }
}
