package org.vesalius.vna.archive.query;

import java.util.List;
import org.vesalius.dicom.data.Dataset;

/**
 * The matches of a query, one data set per patient, study, series or instance, in a stable
 * order (see the module README), as UTF-8 ({@code ISO_IR 192}) data sets.
 *
 * @param matches      this page of results
 * @param totalMatches how many entities match in all. Exact at the instance level and up to
 *                     40,000 matches at the other levels; an estimate (within a few percent)
 *                     above that
 * @param truncated    true when more matches follow this page (after {@code offset + limit},
 *                     or because the service's own maximum cut the page): QIDO-RS then sends
 *                     {@code Warning: 299 ... There are additional results that can be requested}
 * @param warnings     what was not done as asked, e.g. unsupported fuzzy matching or keys that
 *                     were ignored for matching (QIDO-RS: one Warning header each)
 */
public record QueryResult(List<Dataset> matches, long totalMatches, boolean truncated, List<String> warnings) {

    public QueryResult {
        matches = List.copyOf(matches);
        warnings = List.copyOf(warnings);
    }
}
