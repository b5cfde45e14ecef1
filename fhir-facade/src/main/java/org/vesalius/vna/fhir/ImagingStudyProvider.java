package org.vesalius.vna.fhir;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;

/**
 * ImagingStudy: read and search. The typed parameters declare the search to HAPI (validation,
 * CapabilityStatement); the values are read once, from the request, by {@link SearchParser}, which
 * is also what continues a search from a page link.
 */
final class ImagingStudyProvider implements IResourceProvider {

    private final FhirFacade facade;

    ImagingStudyProvider(FhirFacade facade) {
        this.facade = facade;
    }

    @Override
    public Class<ImagingStudy> getResourceType() {
        return ImagingStudy.class;
    }

    @Read
    public ImagingStudy read(@IdParam IdType id, RequestDetails request) {
        return Failures.translate(() -> facade.readStudy(id.getIdPart(), request))
                .orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = ImagingStudy.SP_PATIENT) ReferenceAndListParam patient,
            @OptionalParam(name = ImagingStudy.SP_SUBJECT) ReferenceAndListParam subject,
            @OptionalParam(name = ImagingStudy.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = ImagingStudy.SP_STARTED) DateRangeParam started,
            @OptionalParam(name = ImagingStudy.SP_MODALITY) TokenAndListParam modality,
            @OptionalParam(name = ImagingStudy.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = ImagingStudy.SP_SERIES) TokenAndListParam series,
            @OptionalParam(name = ImagingStudy.SP_DICOM_CLASS) TokenAndListParam dicomClass,
            @OptionalParam(name = ImagingStudy.SP_BODYSITE) TokenAndListParam bodySite,
            @OptionalParam(name = ImagingStudy.SP_BASEDON) ReferenceAndListParam basedOn,
            @OptionalParam(name = ImagingStudy.SP_ENDPOINT) ReferenceAndListParam endpoint,
            @IncludeParam(allow = {"ImagingStudy:subject", "ImagingStudy:patient", "ImagingStudy:endpoint"}) Set<Include> includes,
            @Sort SortSpec sort,
            @Count Integer count,
            RequestDetails request) {
        return Failures.translate(() -> facade.search(
                SearchParameters.of("ImagingStudy", request.getParameters()), null, request));
    }
}
