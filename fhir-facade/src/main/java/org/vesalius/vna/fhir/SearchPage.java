package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.server.BundleProviderWithNamedPages;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One page of a search, with the ids HAPI writes into the paging links: the search itself
 * ({@link SearchParameters#encode()}) and the page's position, so that the next page is a
 * stateless request any node can answer.
 */
final class SearchPage extends BundleProviderWithNamedPages {

    /** The page id of a first page. */
    static final String FIRST = "first";

    SearchPage(List<IBaseResource> resources, String searchId, String pageId, String nextPageId, Integer total) {
        super(resources, searchId, pageId, total);
        setNextPageId(nextPageId);
    }
}
