package org.vesalius.vna.archive.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.index.QueryIndex;

/**
 * The one query use case behind QIDO-RS, C-FIND and FHIR search (the {@link QueryPort}): applies
 * the archive's limits, decides which attributes each result carries, and runs the query on the
 * {@link QueryIndex}. Built by {@link QueryFeature}.
 *
 * <p>Failures: {@link InvalidQueryException} for paging beyond what the index can page through,
 * and {@link org.vesalius.vna.archive.index.IndexUnavailableException} from the index. Thread-safe.
 */
final class QueryService implements QueryPort {

    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    private final QueryIndex index;
    private final int maxResults;

    /**
     * @param index      the index
     * @param maxResults the most results one query returns (1 to {@value #MAX_WINDOW}); a query
     *                   without a limit, or with a larger one, gets this many and is marked
     *                   truncated when more match
     */
    QueryService(QueryIndex index, int maxResults) {
        this.index = Objects.requireNonNull(index, "index");
        if (maxResults < 1 || maxResults > MAX_WINDOW) {
            throw new IllegalArgumentException("maxResults must be 1.." + MAX_WINDOW + ": " + maxResults);
        }
        this.maxResults = maxResults;
    }

    @Override
    public QueryResult query(Query query) {
        int limit = query.limit() == 0 ? maxResults : Math.min(query.limit(), maxResults);
        if ((long) query.offset() + limit > MAX_WINDOW) {
            throw new InvalidQueryException("offset", "offset + limit may not exceed " + MAX_WINDOW
                    + " (narrow the query instead)");
        }
        if (query.after() != null) {
            if (query.offset() != 0) {
                throw new InvalidQueryException("offset", "cannot be combined with a position to continue after");
            }
            if (!query.order().keyset() || (query.level() != QueryLevel.STUDY && query.level() != QueryLevel.PATIENT)) {
                throw new InvalidQueryException("after", "positions are kept for patients and for studies by date only");
            }
        }
        Set<Integer> fetch = fetchTags(query);
        boolean everything = query.returnKeys().all() && query.level() == QueryLevel.INSTANCE;
        QueryIndex.Page page = index.find(query.withPaging(limit, query.offset()), fetch, everything);
        List<Dataset> results = new ArrayList<>(page.items().size());
        for (Dataset d : page.items()) {
            results.add(complete(d, query, fetch));
        }
        return new QueryResult(results, page.totalMatches(), page.more(), warnings(query), page.lastUpdated(),
                page.more() ? page.next() : null);
    }

    /**
     * The attributes results carry: the keys, the return keys, the level's defaults, and the
     * unique key of the query level (at the patient level with Issuer of Patient ID: the
     * patient's identity), so that every result can be told apart and followed down. QIDO-RS
     * results also carry the unique keys of the levels above.
     */
    static Set<Integer> fetchTags(Query query) {
        Set<Integer> fetch = new HashSet<>(query.returnKeys().tags());
        for (QueryLevel level : QueryLevel.values()) {
            if (level == query.level() || (query.returnKeys().defaults() && query.level().isBelow(level))) {
                fetch.add(level.uniqueKey());
            }
        }
        if (query.level() == QueryLevel.PATIENT || query.returnKeys().defaults()) {
            fetch.add(Tags.IssuerOfPatientID);
        }
        if (query.returnKeys().defaults() || query.returnKeys().all()) {
            fetch.add(Tags.InstanceAvailability); // every stored instance is ONLINE
        }
        for (AttributeMatch m : query.matches()) {
            fetch.add(m.tag());
        }
        for (QueryAttribute a : QueryAttributes.all()) {
            if (a.level().isBelow(query.level())) {
                continue;
            }
            boolean computedAbove = a.kind() == QueryAttribute.MatchKind.NONE && a.level() != query.level()
                    && QueryAttributes.isComputed(a.tag());
            if (computedAbove) {
                continue;
            }
            if (query.returnKeys().all() || (query.returnKeys().defaults() && a.qidoDefault())) {
                fetch.add(a.tag());
            }
        }
        fetch.removeIf(tag -> {
            QueryAttribute a = QueryAttributes.get(tag);
            return a != null && a.level().isBelow(query.level());
        });
        return fetch;
    }


    private static Dataset complete(Dataset d, Query query, Set<Integer> fetch) {
        if (fetch.contains(Tags.InstanceAvailability)) {
            d.setString(Tags.InstanceAvailability, VR.CS, "ONLINE");
        }
        if (!query.returnKeys().defaults()) {
            // C-FIND: every requested key is answered, with a zero-length value when unknown.
            for (int tag : query.returnKeys().tags()) {
                if (!d.contains(tag)) {
                    VR vr = DICTIONARY.vrOf(tag);
                    if (vr == VR.SQ) {
                        d.newSequence(tag, 0);
                    } else {
                        d.set(tag, vr, null);
                    }
                }
            }
        }
        return d;
    }

    private static List<String> warnings(Query query) {
        List<String> warnings = new ArrayList<>();
        if (query.fuzzyMatching()) {
            warnings.add("fuzzymatching is not supported: person names were matched literally "
                    + "(case- and accent-insensitive)");
        }
        if (!query.ignoredKeys().isEmpty()) {
            warnings.add("these attributes cannot be matched here and were ignored for matching: "
                    + String.join(", ", query.ignoredKeys()));
        }
        return warnings;
    }
}
