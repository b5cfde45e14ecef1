package org.vesalius.vna.archive.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryResult;

/**
 * The query side of the index: the SPI port the query feature runs on
 * ({@link org.vesalius.vna.archive.query.QueryFeature}); the Elasticsearch adapter implements it
 * beside {@link StudyIndex}.
 *
 * <p>Implementations throw {@link IndexUnavailableException} when
 * the index cannot answer.
 */
public interface QueryIndex {

    /**
     * One page of the entities at {@code query.level()} that match every key of the query, in
     * the order the README gives, from {@code query.offset()}, at most {@code query.limit()}
     * (which is positive here).
     *
     * @param query   the query
     * @param fetch   the attributes each result must carry when the entity has them: stored ones
     *                of the level and the levels above, and the computed ones of the level
     *                (NumberOfStudyRelatedSeries, ModalitiesInStudy, ...)
     * @param everything at the instance level: every stored attribute of the instance, not just
     *                {@code fetch} ({@code includefield=all})
     */
    Page find(Query query, Set<Integer> fetch, boolean everything);

    /**
     * A page of results.
     *
     * @param items        the results
     * @param totalMatches all matching entities (see {@link QueryResult#totalMatches()})
     * @param more         true when matches follow this page
     * @param lastUpdated  per item: the latest receipt of one of the entity's instances, or null
     *                     when not computed (see {@link QueryResult#lastUpdated()})
     * @param next         the position after the last item for {@link Query#after()}, or null
     */
    record Page(List<Dataset> items, long totalMatches, boolean more, List<Instant> lastUpdated, String next) {
        public Page {
            items = List.copyOf(items);
            lastUpdated = Collections.unmodifiableList(new ArrayList<>(lastUpdated));
            if (lastUpdated.size() != items.size()) {
                throw new IllegalArgumentException("one lastUpdated per item");
            }
        }

        /** Without receipt times or a next position. */
        public Page(List<Dataset> items, long totalMatches, boolean more) {
            this(items, totalMatches, more, Collections.nCopies(items.size(), null), null);
        }
    }
}
