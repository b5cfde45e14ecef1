package org.vesalius.vna.server.hl7;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.NotFoundException;
import org.vesalius.vna.hl7.log.LoggedMessage;
import org.vesalius.vna.hl7.log.MessageLog;
import org.vesalius.vna.hl7.message.Hl7Reader;

/**
 * {@code GET /api/hl7/messages}: the HL7 messages received, newest first, with what was done and
 * the acknowledgement code (admins; the access table says who). Filters {@code type} (MSH-9 or its
 * beginning, e.g. {@code ADT} or {@code ADT^A08}), {@code ack} (AA, AE, AR, CA, CE, CR) and
 * {@code patient} (PID-3: {@code ID} or {@code ID^^^AUTHORITY}); {@code limit} 1 to 1000 (default
 * 100); older pages with {@code before} (a sequence number), as the {@code Link: rel="next"} header
 * gives it. One page looks at most at {@value org.vesalius.vna.hl7.log.MessageLog#PAGE_SCAN}
 * messages. The message bytes stay in the log; what was done names patients, so every search is
 * audited. 404 when the HL7 listener is off.
 */
@RestController
@RequestMapping("/api/hl7/messages")
class Hl7MessagesController {

    private static final Set<String> PARAMETERS = Set.of("type", "ack", "patient", "before", "limit");
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
    ResponseEntity<List<Listed>> messages(@RequestParam Map<String, String> parameters, HttpServletRequest request) {
        Hl7ApiSearches.onlyKnown(parameters, PARAMETERS);
        int limit = Hl7ApiSearches.limit(parameters.get("limit"));
        String type = parameters.getOrDefault("type", "");
        String ack = parameters.getOrDefault("ack", "");
        String patient = parameters.getOrDefault("patient", "").strip();
        if (!ack.isEmpty() && !ACK_CODES.contains(ack)) {
            throw new InvalidRequestException("ack", "must be one of " + ACK_CODES);
        }
        long before = before(parameters.get("before"));
        MessageLog messages = log.getIfAvailable();
        if (messages == null) {
            throw new NotFoundException("the HL7 listener is off (vna.hl7.enabled=false): there is no message log");
        }
        MessageLog.Page page = messages.page(before, limit, m -> (type.isEmpty() || m.type().startsWith(type))
                && (ack.isEmpty() || m.ackCode().equals(ack)) && (patient.isEmpty() || Hl7Reader.namesPatient(m.raw(), patient)));
        Hl7ApiSearches.audited(audit, clock, "HL7 message log search", request);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (page.next() > 0) {
            // RFC 8288: the older messages, with the same filters.
            String query = parameters.entrySet().stream().filter(e -> !e.getKey().equals("before"))
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).sorted()
                    .reduce("before=" + page.next(), (a, b) -> a + "&" + b);
            answer.header(HttpHeaders.LINK, "<" + request.getRequestURI() + "?" + query + ">; rel=\"next\"");
        }
        return answer.body(page.messages().stream().map(Listed::of).toList());
    }

    private static long before(String text) {
        if (text == null) {
            return Long.MAX_VALUE;
        }
        try {
            long before = Long.parseLong(text);
            if (before >= 1) {
                return before;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("before", "must be a message sequence number (1 or more), as the Link header gives it");
    }
}
