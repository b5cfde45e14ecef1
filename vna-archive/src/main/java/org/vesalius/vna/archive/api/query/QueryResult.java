package org.vesalius.vna.archive.api.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.vesalius.dicom.data.Dataset;

/**
 * The matches of a query, one data set per patient, study, series or instance, in a stable
 * order (see the module README), as UTF-8 ({@code ISO_IR 192}) data sets.
 *
 * @param matches      this page of results
 * @param totalMatches how many entities match in all, when the query asked for it
 *                     ({@link Query#total()}): exact at the instance, study and series levels, and
 *                     at the patient level up to 40,000 matches (an estimate within a few percent
 *                     above that). When not asked: a lower bound, what this page saw (offset,
 *                     matches, plus one when more follow)
 * @param truncated    true when more matches follow this page (after {@code offset + limit},
 *                     or because the service's own maximum cut the page): QIDO-RS then sends
 *                     {@code Warning: 299 ... There are additional results that can be requested}
 * @param warnings     what was not done as asked, e.g. unsupported fuzzy matching or keys that
 *                     were ignored for matching (QIDO-RS: one Warning header each)
 * @param lastUpdated  per match, the same index as {@code matches}: when the archive last
 *                     received an instance of the entity (over all its instances, not only the
 *                     matching ones). Known at the instance level, and above it whenever the
 *                     query asks for a computed attribute (counts, ModalitiesInStudy, ...); else
 *                     null
 * @param next         when {@code truncated} and the query's order allows it, the position to
 *                     pass as {@link Query#after()} for the following page; else null
 */
public record QueryResult(List<Dataset> matches, long totalMatches, boolean truncated, List<String> warnings,
        List<Instant> lastUpdated, String next) {

    public QueryResult {
        matches = List.copyOf(matches);
        warnings = List.copyOf(warnings);
        lastUpdated = Collections.unmodifiableList(new ArrayList<>(lastUpdated));
        if (lastUpdated.size() != matches.size()) {
            throw new IllegalArgumentException("one lastUpdated per match: " + lastUpdated.size() + " for " + matches.size());
        }
    }

    /** Without receipt times or a next position. */
    public QueryResult(List<Dataset> matches, long totalMatches, boolean truncated, List<String> warnings) {
        this(matches, totalMatches, truncated, warnings, Collections.nCopies(matches.size(), null), null);
    }
}
