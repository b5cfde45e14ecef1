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
import org.vesalius.vna.hl7.log.LoggedMessage;
import org.vesalius.vna.hl7.log.MessageLog;

/**
 * {@code GET /api/hl7/messages}: the most recent HL7 messages received, newest first, with what
 * was done and the acknowledgement code (admins; the access table says who). Filters {@code type}
 * (MSH-9 or its beginning, e.g. {@code ADT} or {@code ADT^A08}) and {@code ack} (AA, AE, AR, CA,
 * CE, CR) over the last thousand messages; {@code limit} 1 to 1000 (default 100). The message bytes stay in the log; what was done
 * names patients, so every search is audited. 404 when the HL7 listener is off.
 */
@RestController
@RequestMapping("/api/hl7/messages")
class Hl7MessagesController {

    /** How far back a listing looks: the log keeps the last thousand messages at hand. */
    private static final int SCANNED = 1_000;
    private static final Set<String> PARAMETERS = Set.of("type", "ack", "limit");
    private static final Set<String> ACK_CODES = Set.of("AA", "AE", "AR", "CA", "CE", "CR");

    private final ObjectProvider<MessageLog> log;
    private final AuditPort audit;
    private final Clock clock;

    Hl7MessagesController(ObjectProvider<MessageLog> log, AuditPort audit, Clock clock) {
        this.log = log;
        this.audit = audit;
        this.clock = clock;
    }

    /** One message as listed (no bytes). */
    record Listed(long sequence, Instant receivedAt, String peer, String sender, String controlId, String type, String version,
            String ack, String outcome) {

        static Listed of(LoggedMessage m) {
            return new Listed(m.sequence(), m.receivedAt(), m.peer(), m.key() == null ? null : m.key().sender(),
                    m.key() == null ? null : m.key().controlId(), m.type(), m.version(), m.ackCode(), m.outcome());
        }
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<Listed> messages(@RequestParam Map<String, String> parameters, HttpServletRequest request) {
        Hl7ApiSearches.onlyKnown(parameters, PARAMETERS);
        int limit = Hl7ApiSearches.limit(parameters.get("limit"));
        String type = parameters.getOrDefault("type", "");
        String ack = parameters.getOrDefault("ack", "");
        if (!ack.isEmpty() && !ACK_CODES.contains(ack)) {
            throw new InvalidRequestException("ack", "must be one of " + ACK_CODES);
        }
        MessageLog messages = log.getIfAvailable();
        if (messages == null) {
            throw new NotFoundException("the HL7 listener is off (vna.hl7.enabled=false): there is no message log");
        }
        List<Listed> listed = messages.recent(SCANNED).stream()
                .filter(m -> type.isEmpty() || m.type().startsWith(type))
                .filter(m -> ack.isEmpty() || m.ackCode().equals(ack))
                .limit(limit).map(Listed::of).toList();
        Hl7ApiSearches.audited(audit, clock, "HL7 message log search", request);
        return listed;
    }
}
