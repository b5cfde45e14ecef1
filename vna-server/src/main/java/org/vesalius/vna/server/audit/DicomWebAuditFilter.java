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

/**
 * Audits the DICOMweb reads once they are answered: QIDO-RS searches as Query, WADO-RS and
 * WADO-URI retrievals as an export (DICOM Instances Transferred, Read), with the status as the
 * outcome. Who: the authenticated user when there is one, and the remote address. What: the study
 * the URL names, the query string of a search, the Patient ID a search asks for. STOW-RS (POST) is
 * audited at the ingest port, per stored instance, where its patient and study are known.
 */
final class DicomWebAuditFilter extends OncePerRequestFilter {

    private final AuditPort audit;

    DicomWebAuditFilter(AuditPort audit) {
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
            if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
                AuditEvent event = event(request, thrown ? 500 : response.getStatus());
                if (event != null) {
                    audit.record(event);
                }
            }
        }
    }

    /** The event of a read, or null when the path is none of QIDO-RS, WADO-RS, WADO-URI. */
    static AuditEvent event(HttpServletRequest request, int status) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AuditEvent.Actor actor = new AuditEvent.Actor(request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                null, request.getRemoteAddr());
        AuditEvent.Outcome outcome = AuditEvent.Outcome.ofHttpStatus(status);
        String detail = outcome == AuditEvent.Outcome.SUCCESS ? null : "HTTP " + status;
        if (path.equals("/wado")) {
            String study = request.getParameter("studyUID");
            return new AuditEvent(Action.EXPORT, "WADO-URI", actor, study == null ? List.of() : List.of(study), null, null, outcome,
                    detail, Instant.now());
        }
        if (!path.startsWith("/dicomweb/")) {
            return null;
        }
        String[] s = path.substring("/dicomweb/".length()).split("/", -1);
        boolean search = switch (s.length) {
            case 1 -> s[0].equals("studies") || s[0].equals("series") || s[0].equals("instances");
            case 3 -> s[0].equals("studies") && (s[2].equals("series") || s[2].equals("instances"));
            case 5 -> s[0].equals("studies") && s[2].equals("series") && s[4].equals("instances");
            default -> false;
        };
        List<String> studies = s.length >= 2 && s[0].equals("studies") && !s[1].isEmpty() ? List.of(s[1]) : List.of();
        if (search) {
            return new AuditEvent(Action.QUERY, "QIDO-RS", actor, studies, patient(request), request.getQueryString(), outcome,
                    detail, Instant.now());
        }
        if (studies.isEmpty()) {
            return null;
        }
        return new AuditEvent(Action.EXPORT, "WADO-RS", actor, studies, null, null, outcome, detail, Instant.now());
    }

    /** The patient a search names, by keyword or tag; null when it names none. */
    private static PatientId patient(HttpServletRequest request) {
        String id = first(request, "PatientID", "00100020");
        if (id == null || id.isEmpty()) {
            return null;
        }
        return new PatientId(id, first(request, "IssuerOfPatientID", "00100021"));
    }

    private static String first(HttpServletRequest request, String keyword, String tag) {
        String value = request.getParameter(keyword);
        return value != null ? value : request.getParameter(tag);
    }
}
