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
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * The CapabilityStatement HAPI builds from the providers (interactions, search parameters,
 * includes), completed with what the providers read from the request themselves: the chained
 * and modified parameters, {@code _sort} values and the facade's identity.
 */
final class FacadeCapabilities extends ServerCapabilityStatementProvider {

    /** SMART's extension naming the authorisation server's endpoints. */
    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final int maxCount;
    private final SmartSecurity security;

    FacadeCapabilities(RestfulServer server, int maxCount, SmartSecurity security) {
        super(server);
        this.maxCount = maxCount;
        this.security = security;
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
        if (security != null) {
            secure(cs.getRestFirstRep().getSecurity());
        }
        return cs;
    }

    /** SMART App Launch 2.x, section "Capability Statement": the service and, when known, the oauth-uris. */
    private void secure(CapabilityStatement.CapabilityStatementRestSecurityComponent section) {
        section.setCors(true);
        section.addService().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
                .setCode("SMART-on-FHIR").setDisplay("SMART-on-FHIR");
        section.getServiceFirstRep().setText("OAuth2 using SMART-on-FHIR profile (see /.well-known/smart-configuration)");
        section.setDescription("Bearer tokens (JWT) with a role or SMART scopes; patient-scoped tokens (the patient claim, "
                + "patient/ scopes) see that patient's data only. Discovery: .well-known/smart-configuration");
        if (security.authorize() != null || security.token() != null) {
            Extension uris = section.addExtension().setUrl(OAUTH_URIS);
            if (security.authorize() != null) {
                uris.addExtension("authorize", new UriType(security.authorize().toString()));
            }
            if (security.token() != null) {
                uris.addExtension("token", new UriType(security.token().toString()));
            }
        }
    }
}
