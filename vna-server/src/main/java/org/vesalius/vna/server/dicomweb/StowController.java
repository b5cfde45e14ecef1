package org.vesalius.vna.server.dicomweb;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.NativeXmlWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.dicomweb.StowOutcome;
import org.vesalius.vna.archive.dicomweb.StowRs;
import org.vesalius.vna.archive.ingest.IngestSource;
import org.vesalius.vna.archive.storage.InstanceKeys;
import org.vesalius.vna.server.web.ProblemErrorController;

/**
 * STOW-RS ({@code POST /dicomweb/studies[/{study}]}): the HTTP edge of {@link StowRs}. It reads
 * nothing itself: the body stream goes to {@link StowRs} untouched (servlet multipart handling is
 * off), and the outcome is written as {@code application/dicom+json} (or {@code +xml} when that is
 * what the client accepts) or as an RFC 9457 problem. The STOW client, for per-client coercion
 * rules, is the authenticated user when there is one, else the remote address.
 */
@RestController
class StowController {

    private static final int MAX_WARNING_HEADERS = 10;

    private final StowRs stow;
    private final ObjectMapper json;

    StowController(StowRs stow, ObjectMapper json) {
        this.stow = stow;
        this.json = json;
    }

    @PostMapping({"/dicomweb/studies", "/dicomweb/studies/{study}"})
    void store(@PathVariable(name = "study", required = false) String study, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ResponseFormat format = ResponseFormat.of(request.getHeader("Accept"));
        if (format == null) {
            problem(request, response, new StowOutcome.Problem(406, "Not Acceptable",
                    "the Store Instances Response is application/dicom+json or application/dicom+xml"));
            return;
        }
        if (study != null && !InstanceKeys.isValidUid(study)) {
            problem(request, response, new StowOutcome.Problem(400, "Bad Request", "\"" + study + "\" is not a Study Instance UID"));
            return;
        }
        String client = request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : request.getRemoteAddr();
        String base = ServletUriComponentsBuilder.fromContextPath(request).path("/dicomweb").toUriString();
        StowOutcome outcome = stow.store(request.getContentType(), request.getInputStream(), IngestSource.stow(client), study, base);
        switch (outcome) {
            case StowOutcome.Problem p -> problem(request, response, p);
            case StowOutcome.Response r -> {
                response.setStatus(r.status());
                response.setContentType(format.mediaType);
                warnings(response, r.warnings());
                try (OutputStream out = response.getOutputStream()) {
                    if (format == ResponseFormat.XML) {
                        NativeXmlWriter.write(r.body(), WriteOptions.DEFAULT, out);
                    } else {
                        DicomJsonWriter.write(r.body(), WriteOptions.DEFAULT, out);
                    }
                }
            }
        }
    }

    /** Writes an RFC 9457 problem and closes the connection: the body may be unread, or unreadable. */
    private void problem(HttpServletRequest request, HttpServletResponse response, StowOutcome.Problem p) throws IOException {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(p.status()), p.detail());
        detail.setTitle(p.title());
        detail.setInstance(URI.create(request.getRequestURI()));
        // After a failed body read the container may answer through its error page instead.
        request.setAttribute(ProblemErrorController.PROBLEM_ATTRIBUTE, detail);
        response.setStatus(p.status());
        response.setHeader("Connection", "close");
        response.setContentType("application/problem+json");
        try (OutputStream out = response.getOutputStream()) {
            json.writeValue(out, detail);
        }
    }

    /** One RFC 9111 style {@code Warning: 299} line per failed or coerced part (at most ten). */
    private static void warnings(HttpServletResponse response, List<String> warnings) {
        for (int i = 0; i < warnings.size() && i < MAX_WARNING_HEADERS; i++) {
            String text = warnings.get(i).replaceAll("[^\\x20-\\x7e]", "?").replace("\\", "\\\\").replace("\"", "\\\"");
            response.addHeader("Warning", "299 vesalius \"" + text + "\"");
        }
    }

    private enum ResponseFormat {
        JSON("application/dicom+json"), XML("application/dicom+xml");

        final String mediaType;

        ResponseFormat(String mediaType) {
            this.mediaType = mediaType;
        }

        /** JSON unless the client accepts only XML; null when it accepts neither. */
        static ResponseFormat of(String accept) {
            if (accept == null || accept.isBlank()) {
                return JSON;
            }
            String a = accept.toLowerCase(java.util.Locale.ROOT);
            if (a.contains("application/dicom+json") || a.contains("application/json") || a.contains("*/*")
                    || a.contains("application/*")) {
                return JSON;
            }
            return a.contains("application/dicom+xml") ? XML : null;
        }
    }
}
