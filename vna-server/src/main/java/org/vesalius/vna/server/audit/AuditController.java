package org.vesalius.vna.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.audit.AuditRecord;
import org.vesalius.vna.archive.api.audit.AuditSearch;
import org.vesalius.vna.archive.api.audit.AuditSearchPort;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.NotFoundException;

/**
 * {@code GET /api/audit}: the audit trail for auditors (and admins; the access table says who).
 * Filters {@code from}, {@code to} (ISO instant or date, UTC), {@code user}, {@code address},
 * {@code patient} ({@code ID} or {@code ID^^^Issuer}), {@code study}, {@code type} (IMPORT, QUERY,
 * EXPORT, READ, SECURITY_ALERT, USER_AUTHENTICATION, PATIENT_RECORD, ORDER_RECORD), {@code outcome}; paging
 * {@code limit} (1 to 1000, default 100) and {@code offset}. {@code /api/audit/{id}} is one record,
 * {@code /api/audit/{id}/xml} its DICOM audit message. Every search and read is itself audited:
 * an auditor reading the trail reads PHI.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int MAX_LIMIT = 1000;

    private final AuditSearchPort records;
    private final AuditPort audit;

    AuditController(AuditSearchPort records, AuditPort audit) {
        this.records = records;
        this.audit = audit;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> search(@RequestParam Map<String, String> parameters, HttpServletRequest request) {
        AuditSearch search = parse(parameters);
        AuditSearchPort.Page page;
        try {
            page = records.search(search);
        } catch (RuntimeException e) {
            record(request, AuditEvent.Action.QUERY, search.patient(), search.study(), AuditEvent.Outcome.SERIOUS_FAILURE, e.getMessage());
            throw e;
        }
        record(request, AuditEvent.Action.QUERY, search.patient(), search.study(), AuditEvent.Outcome.SUCCESS, null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("offset", search.offset());
        answer.put("limit", search.limit());
        answer.put("records", page.records().stream().map(AuditController::json).toList());
        return answer;
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> one(@PathVariable String id, HttpServletRequest request) {
        return json(read(id, request));
    }

    @GetMapping(path = "/{id}/xml")
    ResponseEntity<String> xml(@PathVariable String id, HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(read(id, request).xml());
    }

    private AuditRecord read(String id, HttpServletRequest request) {
        AuditRecord record = records.find(id).orElse(null);
        if (record == null) {
            record(request, AuditEvent.Action.READ, null, null, AuditEvent.Outcome.MINOR_FAILURE, "no audit record " + id);
            throw new NotFoundException("no audit record " + id);
        }
        record(request, AuditEvent.Action.READ, record.patients().size() == 1 ? record.patients().getFirst() : null, null,
                AuditEvent.Outcome.SUCCESS, null);
        return record;
    }

    private void record(HttpServletRequest request, AuditEvent.Action action, String patient, String study, AuditEvent.Outcome outcome,
            String detail) {
        AuditEvent.Actor actor = new AuditEvent.Actor(request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                null, request.getRemoteAddr());
        audit.record(new AuditEvent(action, "audit trail " + (action == AuditEvent.Action.QUERY ? "search" : "read"), actor,
                study == null ? List.of() : List.of(study), patient == null ? null : patientId(patient),
                action == AuditEvent.Action.QUERY ? request.getQueryString() : null, outcome, detail, Instant.now()));
    }

    private static PatientId patientId(String value) {
        int issuer = value.indexOf("^^^");
        return issuer < 0 ? new PatientId(value, "") : new PatientId(value.substring(0, issuer), value.substring(issuer + 3));
    }

    /** The search the parameters ask for; a value that does not parse is a 400 naming it. */
    static AuditSearch parse(Map<String, String> p) {
        for (String name : p.keySet()) {
            if (!List.of("from", "to", "user", "address", "patient", "study", "type", "outcome", "limit", "offset").contains(name)) {
                throw new InvalidRequestException(name, "unknown parameter; the filters are from, to, user, address, patient, study, "
                        + "type, outcome, limit, offset");
            }
        }
        int limit = number(p, "limit", 100, 1, MAX_LIMIT);
        int offset = number(p, "offset", 0, 0, AuditSearch.MAX_WINDOW - limit);
        AuditEvent.Outcome outcome = null;
        if (p.get("outcome") != null) {
            try {
                outcome = AuditEvent.Outcome.valueOf(p.get("outcome"));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("outcome", "one of SUCCESS, MINOR_FAILURE, SERIOUS_FAILURE, MAJOR_FAILURE");
            }
        }
        String type = p.get("type");
        if (type != null && !AuditRecord.OTHER.equals(type) && java.util.Arrays.stream(AuditEvent.Action.values())
                .noneMatch(a -> a.name().equals(type))) {
            throw new InvalidRequestException("type", "one of " + java.util.Arrays.toString(AuditEvent.Action.values()) + " or OTHER");
        }
        Instant from = time(p, "from", false);
        Instant to = time(p, "to", true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("to", "the time range is empty: to must be after from");
        }
        return new AuditSearch(from, to, text(p, "user"), text(p, "address"), text(p, "patient"), text(p, "study"), type, outcome, null,
                offset, limit);
    }

    private static String text(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > 256) {
            throw new InvalidRequestException(name, "must be 1 to 256 characters");
        }
        return value;
    }

    private static int number(Map<String, String> p, String name, int fallback, int min, int max) {
        String value = p.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(name, "a whole number from " + min + " to " + max);
    }

    /** An instant ({@code 2026-12-07T13:00:00Z}) or a date (UTC; as {@code to}, the end of that day). */
    private static Instant time(Map<String, String> p, String name, boolean endOfDay) {
        String value = p.get(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, "an ISO instant (2026-12-07T13:00:00Z) or date (2026-12-07)");
        }
    }

    private static Map<String, Object> json(AuditRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("time", r.time().toString());
        out.put("type", r.type());
        out.put("eventCode", r.eventCode());
        out.put("actionCode", r.actionCode());
        out.put("outcome", r.outcome().name());
        out.put("detail", r.detail());
        out.put("user", r.user());
        out.put("aeTitle", r.aeTitle());
        out.put("address", r.address());
        out.put("patients", r.patients());
        out.put("studies", r.studies());
        out.put("query", r.query());
        out.put("source", r.source());
        out.put("xml", "/api/audit/" + r.id() + "/xml");
        return out;
    }
}
