package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.IdType;

/** Endpoint: the archive's DICOMweb (and, when configured, IID viewer) endpoints, read and listed. */
final class EndpointProvider implements IResourceProvider {

    private final FhirFacade facade;

    EndpointProvider(FhirFacade facade) {
        this.facade = facade;
    }

    @Override
    public Class<Endpoint> getResourceType() {
        return Endpoint.class;
    }

    @Read
    public Endpoint read(@IdParam IdType id, RequestDetails request) {
        return facade.readEndpoint(id.getIdPart(), request)
                .orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
    }

    @Search
    public List<IBaseResource> all(RequestDetails request) {
        return facade.allEndpoints(request);
    }
}
