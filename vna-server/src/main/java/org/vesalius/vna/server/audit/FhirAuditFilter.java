package org.vesalius.vna.server.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditEvent.Action;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.fhir.PatientIds;

/**
 * Audits the FHIR reads of PHI once they are answered: a search of ImagingStudy, Patient or ServiceRequest
 * (GET, query string kept) as Query, a read of one as Instances Accessed. The patient is decoded
 * from the Patient id ({@link PatientIds}) of a Patient read or of an ImagingStudy search by
 * {@code patient}/{@code subject} (ServiceRequest: by {@code patient}); the study of an ImagingStudy read is its id (the Study Instance
 * UID). AuditEvent search and read are audited the same way (the trail names patients). Endpoint and the CapabilityStatement carry no PHI and are not audited; nor, this round, a
 * search by POST ({@code _search}), whose parameters are in the body.
 */
final class FhirAuditFilter extends OncePerRequestFilter {

    private final AuditPort audit;

    FhirAuditFilter(AuditPort audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean thrown = true;
        try {
            chain.doFilter(request, response);
            thrown = false;
        } finally {
            if ("GET".equals(request.getMethod())) {
                AuditEvent event = event(request, thrown ? 500 : response.getStatus());
                if (event != null) {
                    audit.record(event);
                }
            }
        }
    }

    /** The event of a FHIR read or search of PHI, or null for anything else. */
    static AuditEvent event(HttpServletRequest request, int status) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/fhir/")) {
            return null;
        }
        String[] s = path.substring("/fhir/".length()).split("/", -1);
        String type = s[0];
        // AuditEvent too: the audit trail names patients, so reading it is an access to PHI.
        if (!type.equals("ImagingStudy") && !type.equals("Patient") && !type.equals("ServiceRequest") && !type.equals("AuditEvent")) {
            return null;
        }
        AuditEvent.Actor actor = new AuditEvent.Actor(request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                null, request.getRemoteAddr());
        AuditEvent.Outcome outcome = AuditEvent.Outcome.ofHttpStatus(status);
        String detail = outcome == AuditEvent.Outcome.SUCCESS ? null : "HTTP " + status;
        if (s.length == 1 || (s.length == 2 && s[1].isEmpty())) {
            String reference = type.equals("Patient") ? request.getParameter("_id") : first(request, "patient", "subject");
            if (type.equals("AuditEvent")) {
                reference = request.getParameter("patient");
            }
            return new AuditEvent(Action.QUERY, "FHIR " + type + " search", actor, List.of(), patient(reference),
                    request.getQueryString(), outcome, detail, Instant.now());
        }
        if (s.length == 2 && !s[1].startsWith("_") && !s[1].startsWith("$")) {
            boolean study = type.equals("ImagingStudy");
            return new AuditEvent(Action.READ, "FHIR " + type + " read", actor, study ? List.of(s[1]) : List.of(),
                    type.equals("Patient") ? patient(s[1]) : null, null, outcome, detail, Instant.now());
        }
        return null;
    }

    /** The patient a FHIR Patient id or reference names, or null when it names none (or several). */
    static PatientId patient(String reference) {
        if (reference == null || reference.contains(",")) {
            return null;
        }
        String id = reference.startsWith("Patient/") ? reference.substring("Patient/".length()) : reference;
        return PatientIds.decode(id).map(decoded -> switch (decoded) {
            case PatientIds.Decoded.Exact exact -> exact.patient();
            case PatientIds.Decoded.Hashed hashed -> new PatientId(hashed.keyPrefix().split("\\\\", 2)[0], ""); // the ID, cut
        }).orElse(null);
    }

    private static String first(HttpServletRequest request, String name, String other) {
        String value = request.getParameter(name);
        return value != null ? value : request.getParameter(other);
    }
}
