package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.annotation.Metadata;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * The CapabilityStatement HAPI builds from the providers (interactions, search parameters,
 * includes), completed with what the providers read from the request themselves: the chained
 * and modified parameters, {@code _sort} values and the facade's identity.
 */
final class FacadeCapabilities extends ServerCapabilityStatementProvider {

    private final int maxCount;

    FacadeCapabilities(RestfulServer server, int maxCount) {
        super(server);
        this.maxCount = maxCount;
        setPublisher("Vesalius");
    }

    @Override
    @Metadata
    public IBaseConformance getServerConformance(HttpServletRequest request, RequestDetails details) {
        CapabilityStatement cs = (CapabilityStatement) super.getServerConformance(request, details);
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.getSoftware().setName("Vesalius VNA FHIR facade");
        cs.getImplementation().setDescription("Read-only FHIR R4 view of the Vesalius archive: ImagingStudy, Patient, Endpoint");
        // HAPI's own OperationDefinition reader has nothing to read here: this server defines no operations.
        cs.getRestFirstRep().getResource().removeIf(r -> r.getType().equals("OperationDefinition"));
        for (CapabilityStatementRestResourceComponent r : cs.getRestFirstRep().getResource()) {
            r.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
            r.setReadHistory(false);
            r.setConditionalRead(CapabilityStatement.ConditionalReadStatus.NOTMATCH);
            if (r.getType().equals("ImagingStudy")) {
                r.addSearchParam().setName("patient.identifier").setType(Enumerations.SearchParamType.TOKEN)
                        .setDocumentation("Patient identifier (system = issuer of the Patient ID) of the study's subject");
                r.addSearchParam().setName("basedon:identifier").setType(Enumerations.SearchParamType.TOKEN)
                        .setDocumentation("Accession number (with its issuer as system) of the order the study fulfils");
                r.setDocumentation("_sort: started, -started (the default), _lastUpdated, -_lastUpdated. "
                        + "Pages are stateless and keyset-based (new studies never shift a page); _count at most "
                        + maxCount + "; _total: none, estimate, accurate.");
            }
        }
        return cs;
    }
}
