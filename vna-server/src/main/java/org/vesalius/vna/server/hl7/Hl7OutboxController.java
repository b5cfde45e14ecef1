package org.vesalius.vna.server.hl7;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.NotFoundException;
import org.vesalius.vna.hl7.notify.FileOutbox;
import org.vesalius.vna.hl7.notify.OutboxEntry;

/**
 * {@code GET /api/hl7/outbox}: the notifications of studies, newest first, with where each
 * stands (pending, delivered, failed), its attempts and what the last one got (admins; the access
 * table says who). Filter {@code status}; {@code limit} 1 to 1000 (default 100); {@code pending}
 * in the answer counts every pending one. The messages stay in the outbox; every search is
 * audited. 404 when notifications are off.
 */
@RestController
@RequestMapping("/api/hl7/outbox")
class Hl7OutboxController {

    private static final Set<String> PARAMETERS = Set.of("status", "limit");

    private final ObjectProvider<FileOutbox> outbox;
    private final AuditPort audit;
    private final Clock clock;

    Hl7OutboxController(ObjectProvider<FileOutbox> outbox, AuditPort audit, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** One notification as listed (no message bytes). */
    record Listed(long id, String destination, String study, String reason, Instant createdAt, String status, int attempts,
            Instant nextAttemptAt, String lastOutcome) {

        static Listed of(OutboxEntry e) {
            return new Listed(e.id(), e.destination(), e.study(), e.reason(), e.createdAt(), e.status().name(), e.attempts(),
                    e.status() == OutboxEntry.Status.PENDING ? e.nextAttemptAt() : null, e.lastOutcome());
        }
    }

    /** The answer: the pending count and the notifications listed. */
    record Page(long pending, List<Listed> notifications) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Page notifications(@RequestParam Map<String, String> parameters, HttpServletRequest request) {
        Hl7ApiSearches.onlyKnown(parameters, PARAMETERS);
        int limit = Hl7ApiSearches.limit(parameters.get("limit"));
        OutboxEntry.Status status = null;
        String wanted = parameters.get("status");
        if (wanted != null) {
            try {
                status = OutboxEntry.Status.valueOf(wanted.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("status", "must be one of pending, delivered, failed");
            }
        }
        FileOutbox box = outbox.getIfAvailable();
        if (box == null) {
            throw new NotFoundException("HL7 notifications are off (vna.hl7.notifications.destinations is empty): there is no outbox");
        }
        Page page = new Page(box.pending(), box.recent(status, limit).stream().map(Listed::of).toList());
        Hl7ApiSearches.audited(audit, clock, "HL7 outbox search", request);
        return page;
    }
}
