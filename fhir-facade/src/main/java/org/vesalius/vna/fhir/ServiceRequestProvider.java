package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * ServiceRequest: the archive's imaging orders (its worklist), read and searched by patient,
 * identifier (accession, placer or filler number) and status.
 */
final class ServiceRequestProvider implements IResourceProvider {

    private final FhirFacade facade;

    ServiceRequestProvider(FhirFacade facade) {
        this.facade = facade;
    }

    @Override
    public Class<ServiceRequest> getResourceType() {
        return ServiceRequest.class;
    }

    @Read
    public ServiceRequest read(@IdParam IdType id) {
        return facade.readOrder(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
    }

    @Search
    public List<ServiceRequest> search(@OptionalParam(name = ServiceRequest.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = ServiceRequest.SP_IDENTIFIER) TokenParam identifier,
            @OptionalParam(name = ServiceRequest.SP_STATUS) TokenParam status, @Count Integer count) {
        return facade.searchOrders(patient, identifier, status, count);
    }
}
