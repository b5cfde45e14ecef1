package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent.Outcome;
import org.vesalius.vna.archive.api.audit.AuditSearch;
import org.vesalius.vna.archive.api.audit.AuditSearchPort;

/**
 * AuditEvent: read and search over the archive's {@link AuditSearchPort} (the audit trail's
 * queryable copy), newest first, one page of at most {@code _count} (cut to the facade's
 * maximum). Search parameters: {@code date} (range, prefixes), {@code patient} (a Patient id of
 * this facade), {@code agent} (the user, client or AE title), {@code address},
 * {@code entity-type} (1: records naming a patient), {@code outcome} (0, 4, 8, 12). Who may ask
 * is the server's business (auditor and admin only).
 */
final class AuditEventProvider implements IResourceProvider {

    private static final int DEFAULT_COUNT = 50;

    private final AuditSearchPort audit;
    private final int maxCount;

    AuditEventProvider(AuditSearchPort audit, int maxCount) {
        this.audit = audit;
        this.maxCount = maxCount;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        return Failures.translate(() -> audit.find(id.getIdPart())).map(AuditEventMapper::map)
                .orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
    }

    @Search(allowUnknownParams = true)
    public List<AuditEvent> search(
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
            @OptionalParam(name = AuditEvent.SP_ADDRESS) StringParam address,
            @OptionalParam(name = AuditEvent.SP_ENTITY_TYPE) TokenParam entityType,
            @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
            @Count Integer count) {
        if (count != null && count < 1) {
            throw new InvalidRequestException("_count must be at least 1");
        }
        int limit = Math.min(count == null ? DEFAULT_COUNT : count, maxCount);
        Instant from = date == null ? null : instant(date.getLowerBoundAsInstant(), 0);
        Instant to = date == null ? null : instant(date.getUpperBoundAsInstant(), 1); // inclusive upper bound, exclusive here
        AuditSearch search;
        try {
            search = new AuditSearch(from, to, agent == null ? null : agent.getIdPart(), address == null ? null : address.getValue(),
                    patient(patient), null, null, outcome(outcome), entityType(entityType), 0, limit);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return Failures.translate(() -> audit.search(search)).records().stream().map(AuditEventMapper::map).toList();
    }

    private static Instant instant(java.util.Date date, long plusMillis) {
        return date == null ? null : date.toInstant().plusMillis(plusMillis);
    }

    /** The patient a Patient id of this facade names, in the audit records' form. */
    private static String patient(ReferenceParam reference) {
        if (reference == null) {
            return null;
        }
        String id = reference.getIdPart();
        PatientId patient = PatientIds.decode(id).map(decoded -> switch (decoded) {
            case PatientIds.Decoded.Exact exact -> exact.patient();
            case PatientIds.Decoded.Hashed hashed -> null;
        }).orElseThrow(() -> new InvalidRequestException("patient: not a Patient id of this server: " + id));
        if (patient == null) {
            throw new InvalidRequestException("patient: a Patient id this long cannot be searched in the audit trail");
        }
        return patient.toString();
    }

    private static Outcome outcome(TokenParam token) {
        if (token == null) {
            return null;
        }
        return switch (token.getValue()) {
            case "0" -> Outcome.SUCCESS;
            case "4" -> Outcome.MINOR_FAILURE;
            case "8" -> Outcome.SERIOUS_FAILURE;
            case "12" -> Outcome.MAJOR_FAILURE;
            default -> throw new InvalidRequestException("outcome: one of 0, 4, 8, 12, not " + token.getValue());
        };
    }

    private static Boolean entityType(TokenParam token) {
        if (token == null) {
            return null;
        }
        if (!"1".equals(token.getValue())) {
            throw new InvalidRequestException("entity-type: only 1 (Person: records naming a patient) is supported");
        }
        return true;
    }
}
