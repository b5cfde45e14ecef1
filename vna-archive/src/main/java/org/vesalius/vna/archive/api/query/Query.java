package org.vesalius.vna.archive.api.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vesalius.vna.archive.api.PatientId;

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
 * @param order        the order of the results (patients are always ordered by their key)
 * @param after        null, or a position from {@link QueryResult#next()} of the same query: the
 *                     results after it (keyset paging, at the patient and study levels with a
 *                     {@linkplain QueryOrder#keyset() keyset order}; offset must be 0). Entities
 *                     added meanwhile never shift a page: they appear where they sort, or not at
 *                     all if they sort before the position
 * @param received     null, or a window on when the archive received the entity's instances
 * @param patients     when not empty, only entities of these patients (the archive's identity:
 *                     Patient ID and issuer exactly, an empty issuer meaning none). Unlike keys
 *                     on PatientID and IssuerOfPatientID, this tells "no issuer" from "any issuer"
 * @param total        whether the caller needs {@link QueryResult#totalMatches()} exact (FHIR's
 *                     Bundle.total); QIDO-RS and C-FIND only need to know whether more follow,
 *                     and counting every match costs the index work it can skip
 */
public record Query(QueryLevel level, List<AttributeMatch> matches, ReturnKeys returnKeys,
        int limit, int offset, boolean fuzzyMatching, List<String> ignoredKeys,
        QueryOrder order, String after, TimeWindow received, Set<PatientId> patients, boolean total) {

    public Query {
        Objects.requireNonNull(level, "level");
        matches = List.copyOf(matches);
        Objects.requireNonNull(returnKeys, "returnKeys");
        ignoredKeys = List.copyOf(ignoredKeys);
        order = order == null ? QueryOrder.STUDY_DATE_DESC : order;
        if (received != null && received.open()) {
            received = null;
        }
        patients = patients == null ? Set.of() : Set.copyOf(patients);
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
    }

    /** Counting every match ({@code total} true). */
    public Query(QueryLevel level, List<AttributeMatch> matches, ReturnKeys returnKeys,
            int limit, int offset, boolean fuzzyMatching, List<String> ignoredKeys,
            QueryOrder order, String after, TimeWindow received, Set<PatientId> patients) {
        this(level, matches, returnKeys, limit, offset, fuzzyMatching, ignoredKeys, order, after, received, patients, true);
    }

    /** In the default order, from the first result, at any time of receipt. */
    public Query(QueryLevel level, List<AttributeMatch> matches, ReturnKeys returnKeys,
            int limit, int offset, boolean fuzzyMatching, List<String> ignoredKeys) {
        this(level, matches, returnKeys, limit, offset, fuzzyMatching, ignoredKeys, QueryOrder.STUDY_DATE_DESC, null, null, Set.of());
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
        return new Query(level, matches, returnKeys, newLimit, newOffset, fuzzyMatching, ignoredKeys, order, after, received, patients, total);
    }

    /** This query in another order. */
    public Query withOrder(QueryOrder newOrder) {
        return new Query(level, matches, returnKeys, limit, offset, fuzzyMatching, ignoredKeys, newOrder, after, received, patients, total);
    }

    /** This query continuing after {@code position} (null: from the start). */
    public Query withAfter(String position) {
        return new Query(level, matches, returnKeys, limit, offset, fuzzyMatching, ignoredKeys, order, position, received, patients, total);
    }

    /** This query restricted to entities of these patients (empty: any patient). */
    public Query withPatients(Set<PatientId> newPatients) {
        return new Query(level, matches, returnKeys, limit, offset, fuzzyMatching, ignoredKeys, order, after, received, newPatients, total);
    }

    /** This query with or without an exact {@link QueryResult#totalMatches()}. */
    public Query withTotal(boolean count) {
        return new Query(level, matches, returnKeys, limit, offset, fuzzyMatching, ignoredKeys, order, after, received, patients, count);
    }

    /** This query restricted to entities with an instance received in {@code window} (null: any time). */
    public Query withReceived(TimeWindow window) {
        return new Query(level, matches, returnKeys, limit, offset, fuzzyMatching, ignoredKeys, order, after, window, patients, total);
    }
}
