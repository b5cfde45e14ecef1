package org.vesalius.vna.fhir;

import java.time.Instant;
import org.vesalius.vna.archive.api.query.Query;

/**
 * A FHIR search as a query of the archive.
 *
 * @param query          the query (without paging)
 * @param nothing        true when the search can match nothing (e.g. status=cancelled, an id no
 *                       patient can have): the index is not asked
 * @param updatedBefore  null, or the latest lastUpdated a result may have: the index can only
 *                       select entities with <em>an</em> instance received before it, so results
 *                       updated later are dropped from the page (which may then be shorter)
 * @param count          the page size, already capped
 * @param total          false for {@code _total=none}
 * @param countOnly      {@code _summary=count} or {@code _count=0}: only the total is answered
 */
record ParsedSearch(Query query, boolean nothing, Instant updatedBefore, int count, boolean total, boolean countOnly) {
}
