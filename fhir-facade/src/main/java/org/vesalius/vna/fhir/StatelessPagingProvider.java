package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IPagingProvider;

/**
 * Paging without stored results: the "search id" of a page link is the search itself and the
 * "page id" is where the page starts (a keyset position of the archive, or an offset for orders
 * that have none), so every page is a fresh, stateless query and new studies never shift a page.
 */
final class StatelessPagingProvider implements IPagingProvider {

    private final FhirFacade facade;

    StatelessPagingProvider(FhirFacade facade) {
        this.facade = facade;
    }

    @Override
    public int getDefaultPageSize() {
        return facade.settings().defaultCount();
    }

    @Override
    public int getMaximumPageSize() {
        return facade.settings().maxCount();
    }

    @Override
    public IBundleProvider retrieveResultList(RequestDetails request, String searchId) {
        return retrieveResultList(request, searchId, SearchPage.FIRST);
    }

    @Override
    public IBundleProvider retrieveResultList(RequestDetails request, String searchId, String pageId) {
        SearchParameters search = SearchParameters.decode(searchId);
        // HAPI's page links drop _summary; the search carries it, and HAPI's serializer reads it here.
        String summary = search.first("_summary");
        if (summary != null && !request.getParameters().containsKey("_summary")) {
            request.addParameter("_summary", new String[] {summary});
        }
        return Failures.translate(() -> facade.search(search, pageId, request));
    }

    @Override
    public String storeResultList(RequestDetails request, IBundleProvider results) {
        return results.getUuid(); // nothing is stored: the id is the search
    }
}
