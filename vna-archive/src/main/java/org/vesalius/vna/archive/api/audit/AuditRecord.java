package org.vesalius.vna.archive.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One audit record as the audit trail keeps it queryable: the fields an auditor searches by,
 * read back from the DICOM PS3.15 A.5 message, and the message itself.
 *
 * @param id          the record's id: stable for the record (the node and its place in the node's queue)
 * @param time        EventDateTime
 * @param type        the kind of event ({@link AuditEvent.Action} name, or {@code OTHER})
 * @param eventCode   EventID code (DCM), e.g. {@code 110112} for Query
 * @param actionCode  EventActionCode: C, R, U, D or E
 * @param outcome     EventOutcomeIndicator
 * @param detail      EventOutcomeDescription, or null
 * @param user        the requesting participant's UserID (user, client, AE title or address), or null
 * @param aeTitle     its AlternativeUserID (the calling AE title of a DIMSE request), or null
 * @param address     its NetworkAccessPointID, or null
 * @param patients    the patients concerned (ID, or {@code ID^^^Issuer})
 * @param studies     the Study Instance UIDs concerned
 * @param query       the query of a Query event, as sent, or null
 * @param source      the Audit Source ID (the node)
 * @param xml         the audit message (DICOM audit schema)
 */
public record AuditRecord(String id, Instant time, String type, String eventCode, String actionCode, AuditEvent.Outcome outcome,
        String detail, String user, String aeTitle, String address, List<String> patients, List<String> studies, String query,
        String source, String xml) {

    /** The type of a record whose event is none the archive writes. */
    public static final String OTHER = "OTHER";

    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(xml, "xml");
        patients = List.copyOf(patients);
        studies = List.copyOf(studies);
    }
}
