package org.vesalius.vna.archive.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A query at one level, as QIDO-RS, C-FIND and FHIR search all express it: the keys with their
 * conditions (all must match), the return keys, and paging. Build it with
 * {@link QidoQueryParser} or {@link CFindQueryParser}, or directly.
 *
 * @param level        the level of the results
 * @param matches      one entry per key; universal ones are return keys only. Keys of levels
 *                     below {@code level} (relational queries) match when any entity below
 *                     matches
 * @param returnKeys   further attributes to return
 * @param limit        at most this many results, 0 for no limit of the caller's own (the service
 *                     still caps it)
 * @param offset       results to skip, for paging
 * @param fuzzyMatching the caller asked for fuzzy matching of person names, which this archive
 *                     does not do: it matches literally and says so in
 *                     {@link QueryResult#warnings()}
 * @param ignoredKeys  keys that were given a value but cannot be matched here (known attributes
 *                     the index does not hold); they are returned when present, and reported
 *                     in {@link QueryResult#warnings()}
 */
public record Query(QueryLevel level, List<AttributeMatch> matches, ReturnKeys returnKeys,
        int limit, int offset, boolean fuzzyMatching, List<String> ignoredKeys) {

    public Query {
        Objects.requireNonNull(level, "level");
        matches = List.copyOf(matches);
        Objects.requireNonNull(returnKeys, "returnKeys");
        ignoredKeys = List.copyOf(ignoredKeys);
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
    }

    /** A query with these keys, the QIDO defaults as return keys, no paging. */
    public static Query of(QueryLevel level, List<AttributeMatch> matches) {
        return new Query(level, matches, ReturnKeys.QIDO_DEFAULTS, 0, 0, false, List.of());
    }

    /** The key for {@code tag}, if the query has one. */
    public Optional<AttributeMatch> match(int tag) {
        return matches.stream().filter(m -> m.tag() == tag).findFirst();
    }

    /** This query with other paging. */
    public Query withPaging(int newLimit, int newOffset) {
        return new Query(level, matches, returnKeys, newLimit, newOffset, fuzzyMatching, ignoredKeys);
    }
}
