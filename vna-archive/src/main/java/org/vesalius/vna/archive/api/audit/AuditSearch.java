package org.vesalius.vna.archive.api.audit;

import java.time.Instant;

/**
 * A search of the audit trail: every criterion that is set must hold (null: any). Records come
 * newest first.
 *
 * @param from     EventDateTime at or after, or null
 * @param to       EventDateTime before, or null
 * @param user     the requesting participant (user, client, AE title) exactly, or null
 * @param address  its network address exactly, or null
 * @param patient  a patient concerned ({@code ID} or {@code ID^^^Issuer}) exactly, or null
 * @param study    a Study Instance UID concerned, or null
 * @param type     the kind of event ({@link AuditEvent.Action} name), or null
 * @param outcome  the outcome, or null
 * @param hasPatient true: only records naming a patient; false: only records naming none; null: any
 * @param offset   records to skip (paging)
 * @param limit    at most this many records
 */
public record AuditSearch(Instant from, Instant to, String user, String address, String patient, String study, String type,
        AuditEvent.Outcome outcome, Boolean hasPatient, int offset, int limit) {

    /** The largest {@code offset + limit}: deeper pages need a narrower time range. */
    public static final int MAX_WINDOW = 10_000;

    public AuditSearch {
        if (offset < 0 || limit < 1 || (long) offset + limit > MAX_WINDOW) {
            throw new IllegalArgumentException("offset must be >= 0, limit >= 1 and offset + limit <= " + MAX_WINDOW);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: " + from + " to " + to);
        }
    }

    /** The newest {@code limit} records, nothing else asked. */
    public static AuditSearch latest(int limit) {
        return new AuditSearch(null, null, null, null, null, null, null, null, null, 0, limit);
    }

    /** The same search with another user criterion. */
    public AuditSearch withUser(String value) {
        return new AuditSearch(from, to, value, address, patient, study, type, outcome, hasPatient, offset, limit);
    }
}
