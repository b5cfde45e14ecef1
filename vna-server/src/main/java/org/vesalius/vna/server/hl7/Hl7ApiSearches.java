package org.vesalius.vna.server.hl7;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;

/** What the HL7 listings ({@code /api/hl7/messages}, {@code /api/hl7/outbox}) share: their parameters' checks and their audit record. */
final class Hl7ApiSearches {

    static final int MAX_LIMIT = 1000;

    private Hl7ApiSearches() {
    }

    /** Refuses a parameter not in {@code known}, naming it. */
    static void onlyKnown(Map<String, String> parameters, Set<String> known) {
        for (String name : parameters.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidRequestException(name, "unknown parameter; the filters are " + String.join(", ", known.stream()
                        .sorted().toList()));
            }
        }
    }

    /** The {@code limit} parameter: 1 to {@value #MAX_LIMIT}, 100 when absent. */
    static int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** Records the search {@code what} of {@code request} (they name patients and studies): a Query audit record. */
    static void audited(AuditPort audit, Clock clock, String what, HttpServletRequest request) {
        audit.record(new AuditEvent(AuditEvent.Action.QUERY, what,
                new AuditEvent.Actor(request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(), null,
                        request.getRemoteAddr()), List.of(), null, request.getQueryString(), AuditEvent.Outcome.SUCCESS, null, clock.instant()));
    }
}
