package org.vesalius.vna.server.dicomweb;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.NativeXmlWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.failure.UnsupportedException;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.dicomweb.AcceptHeader;
import org.vesalius.vna.archive.dicomweb.StowOutcome;
import org.vesalius.vna.archive.dicomweb.StowRs;
import org.vesalius.vna.server.web.AbandonedBody;
import org.vesalius.vna.server.web.ProblemWriter;
import org.vesalius.vna.server.web.PublicUrl;
import org.vesalius.vna.server.web.WarningHeaders;

/**
 * STOW-RS ({@code POST /dicomweb/studies[/{study}]}): the HTTP edge of {@link StowRs}. It reads
 * nothing itself: the body stream goes to {@link StowRs} untouched (servlet multipart handling is
 * off), and the outcome is written as {@code application/dicom+json} (or {@code +xml} when that is
 * what the client accepts) or as an RFC 9457 problem. The STOW client, for per-client coercion
 * rules, is the authenticated user when there is one, else the remote address.
 */
@RestController
class StowController {

    private final StowRs stow;
    private final ProblemWriter problems;
    private final PublicUrl publicUrl;
    private final Semaphore bodies;
    private final StowProperties properties;

    StowController(StowRs stow, ProblemWriter problems, PublicUrl publicUrl, StowProperties properties) {
        this.publicUrl = publicUrl;
        this.stow = stow;
        this.problems = problems;
        this.properties = properties;
        this.bodies = new Semaphore(properties.maxConcurrent());
    }

    @PostMapping({"/dicomweb/studies", "/dicomweb/studies/{study}"})
    void store(@PathVariable(name = "study", required = false) String study, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ResponseFormat format = ResponseFormat.of(request.getHeader("Accept"));
        if (format == null) {
            problem(request, response, new UnsupportedException("Accept",
                    "the Store Instances Response is application/dicom+json or application/dicom+xml", null));
            return;
        }
        if (study != null && !InstanceRef.isValidUid(study)) {
            problem(request, response, new InvalidRequestException("study", "\"" + study + "\" is not a Study Instance UID"));
            return;
        }
        if (!bodies.tryAcquire()) {
            // Refused before the body is read: a slow or large upload beyond the limit holds no thread for long.
            problem(request, response, new UnavailableException("busy: " + properties.maxConcurrent()
                    + " STOW-RS requests are being stored (vna.stow.max-concurrent); retry later", properties.retryAfter(), null));
            return;
        }
        try {
            store(study, request, response, format);
        } finally {
            bodies.release();
        }
    }

    private void store(String study, HttpServletRequest request, HttpServletResponse response, ResponseFormat format)
            throws IOException {
        String client = request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : request.getRemoteAddr();
        String base = publicUrl.base(request) + "/dicomweb";
        MinimumRateInputStream body = new MinimumRateInputStream(request.getInputStream(), properties.minBodyRate().toBytes(),
                properties.bodyRateWindow().toNanos(), "vna.stow.min-body-rate " + properties.minBodyRate()
                + " per second (over vna.stow.body-rate-window " + properties.bodyRateWindow().toSeconds() + " s)");
        StowOutcome outcome = stow.store(request.getContentType(), body, IngestSource.stow(client), study, base);
        if (body.gaveUp()) {
            AbandonedBody.abandon(request); // the rest would come at the same pace: not worth waiting for
        }
        switch (outcome) {
            case StowOutcome.Problem p -> problem(request, response, p.failure());
            case StowOutcome.Response r -> {
                response.setStatus(r.status());
                if (r.status() == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
                    response.setHeader("Retry-After", Long.toString(properties.retryAfter().toSeconds()));
                }
                response.setContentType(format.mediaType);
                WarningHeaders.add(response, r.warnings());
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

    /** Answers with a problem and closes the connection: the body may be unread, or unreadable. */
    private void problem(HttpServletRequest request, HttpServletResponse response, ArchiveException failure) throws IOException {
        problems.write(request, response, failure, true);
    }

    private enum ResponseFormat {
        JSON("application/dicom+json"), XML("application/dicom+xml");

        final String mediaType;

        ResponseFormat(String mediaType) {
            this.mediaType = mediaType;
        }

        private static final List<AcceptHeader.Offer<ResponseFormat>> OFFERS = List.of(
                AcceptHeader.Offer.of("application/dicom+json", JSON),
                AcceptHeader.Offer.of("application/json", JSON),
                AcceptHeader.Offer.of("application/dicom+xml", XML));

        /** The best format for {@code accept} (JSON on ties, and without a header); null when neither is acceptable. */
        static ResponseFormat of(String accept) {
            return AcceptHeader.parse(accept).negotiate(OFFERS).orElse(null);
        }
    }
}
