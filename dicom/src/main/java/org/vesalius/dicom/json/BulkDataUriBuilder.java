package org.vesalius.dicom.json;

import org.vesalius.dicom.data.BulkDataRef;

/**
 * Chooses the {@code BulkDataURI} written for a value that is left out of a DICOM JSON or XML
 * document: a value held as a {@link BulkDataRef}, a value a writer's bulk data policy selects,
 * or encapsulated pixel data.
 *
 * <p>An archive answers WADO-RS metadata requests with a builder that points at its own
 * {@code …/bulkdata/{tag-path}} resource, for example
 * {@code BulkDataUriBuilder.under("https://pacs/studies/1/series/2/instances/3/bulkdata")}.
 */
@FunctionalInterface
public interface BulkDataUriBuilder {

    /**
     * The URI for the value at {@code path}.
     *
     * @param path     where the value stands in the data set
     * @param location where the value's bytes are when it was not loaded into memory (for
     *                 encapsulated pixel data: from the first item header to the end of the last
     *                 fragment), or null when the bytes are in memory or scattered
     * @return the URI, or null to write the value inline when it is in memory (a value that is
     *         not in memory then gets {@link #LOCATION}'s URI)
     */
    String uriOf(TagPath path, BulkDataRef location);

    /**
     * Points at where the bytes are: the reference's URI, followed by {@code offset} and
     * {@code length} query parameters when it has them (see {@link BulkDataUris#withRange}).
     * Values held in memory stay inline.
     */
    BulkDataUriBuilder LOCATION = (path, location) -> location == null ? null : BulkDataUris.withRange(location);

    /** {@code base + "/" + path}, for every bulk value whether in memory or not. */
    static BulkDataUriBuilder under(String base) {
        String prefix = base.endsWith("/") ? base : base + "/";
        return (path, location) -> prefix + path;
    }
}
