package org.vesalius.vna.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.ETagSupportEnum;
import ca.uhn.fhir.rest.server.ElementsSupportEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import jakarta.servlet.ServletException;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.List;
import org.vesalius.vna.archive.api.audit.AuditSearchPort;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.update.PatientLinks;
import org.vesalius.vna.archive.api.worklist.WorklistPort;

/**
 * The FHIR R4 facade: a plain HAPI {@link RestfulServer} with read-only ImagingStudy, Patient and
 * Endpoint, over the archive's {@link QueryPort} (no store of its own). Mount it as a servlet
 * at {@code /fhir/*}.
 *
 * <p>Every error is an OperationOutcome: 400 for bad parameters, 404 for unknown ids, 405 for
 * interactions other than read and search, 503 while the index is away. JSON by default; XML by
 * {@code Accept} or {@code _format}. Versions and ETags come from the index ({@link Versions}), so
 * {@code If-None-Match} answers 304.
 */
public class VesaliusFhirServer extends RestfulServer {

    private static final long serialVersionUID = 1L;

    private final transient QueryPort queries;
    private final transient WorklistPort worklist;
    private final transient PatientLinks links;
    private final transient FhirSettings settings;
    private final transient AuditSearchPort audit;
    private final transient SmartSecurity security;

    public VesaliusFhirServer(QueryPort queries, FhirSettings settings) {
        this(queries, settings, null, null);
    }

    /**
     * A facade that also answers AuditEvent read and search from the audit trail (the server
     * admits only auditors and admins there).
     *
     * @param audit the audit trail, or null for no AuditEvent resource
     */
    public VesaliusFhirServer(QueryPort queries, FhirSettings settings, AuditSearchPort audit) {
        this(queries, settings, audit, null);
    }

    /**
     * A facade with the AuditEvent resource (when {@code audit} is not null) whose
     * CapabilityStatement declares SMART on FHIR ({@code security} not null: the server in front
     * of it requires tokens).
     */
    public VesaliusFhirServer(QueryPort queries, FhirSettings settings, AuditSearchPort audit, SmartSecurity security) {
        this(queries, null, null, settings, audit, security);
    }

    /**
     * As {@link #VesaliusFhirServer(QueryPort, FhirSettings, AuditSearchPort, SmartSecurity)}, with the
     * archive's orders: ServiceRequest read and search, and ImagingStudy.basedOn.
     *
     * @param worklist the worklist (narrowed to the caller's patients as {@code queries} is), or null for none
     * @param links    where merged patients went (a merged Patient reads as replaced-by its target), or null
     */
    public VesaliusFhirServer(QueryPort queries, WorklistPort worklist, PatientLinks links, FhirSettings settings,
            AuditSearchPort audit, SmartSecurity security) {
        super(FhirContext.forR4Cached());
        this.queries = queries;
        this.worklist = worklist;
        this.links = links;
        this.settings = settings;
        this.audit = audit;
        this.security = security;
    }

    @Override
    protected void initialize() throws ServletException {
        FhirFacade facade = new FhirFacade(getFhirContext(), queries, worklist, links, settings);
        List<IResourceProvider> providers = new ArrayList<>(List.of(new ImagingStudyProvider(facade), new PatientProvider(facade),
                new EndpointProvider(facade)));
        if (worklist != null) {
            providers.add(new ServiceRequestProvider(facade));
        }
        if (audit != null) {
            providers.add(new AuditEventProvider(audit, settings.maxCount()));
        }
        setResourceProviders(providers);
        setPagingProvider(new StatelessPagingProvider(facade));
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setETagSupport(ETagSupportEnum.ENABLED);
        setElementsSupport(ElementsSupportEnum.STANDARD);
        setServerConformanceProvider(new FacadeCapabilities(this, settings.maxCount(), security));
        registerInterceptor(new Object() {
            /** HAPI answers an interaction it has no method for with 400; FHIR says 405. */
            @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
            public BaseServerResponseException unsupported(RequestDetails request, Throwable error) {
                if (error instanceof InvalidRequestException e && e.getMessage() != null && e.getMessage().contains("HAPI-0303")
                        && request.getResourceName() != null && !request.getResourceName().isEmpty()) {
                    return new MethodNotAllowedException(request.getRequestType() + " " + request.getRequestPath()
                            + " is not supported: this server only reads and searches (see /metadata)");
                }
                return error instanceof BaseServerResponseException e ? e : null;
            }
        });
    }
}
