package org.vesalius.vna.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openehealth.ipf.commons.audit.codes.EventOutcomeIndicator;
import org.openehealth.ipf.commons.audit.codes.ParticipantObjectIdTypeCode;
import org.openehealth.ipf.commons.audit.codes.ParticipantObjectTypeCodeRole;
import org.openehealth.ipf.commons.audit.model.ActiveParticipantType;
import org.openehealth.ipf.commons.audit.model.AuditMessage;
import org.openehealth.ipf.commons.audit.model.EventIdentificationType;
import org.openehealth.ipf.commons.audit.model.ParticipantObjectIdentificationType;
import org.openehealth.ipf.commons.audit.unmarshal.dicom.DICOMAuditParser;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditRecord;

/**
 * Reads a queued audit message (DICOM PS3.15 A.5 XML, IPF's parser) back into the fields an
 * auditor searches by. The message is the truth: what is indexed is derived from exactly what
 * the collector receives, so the two never disagree.
 */
final class AuditRecords {

    private final DICOMAuditParser parser = new DICOMAuditParser();

    /**
     * The record of {@code xml}.
     *
     * @param id the record's id (node and queue position)
     * @throws RuntimeException the message does not parse (a damaged record)
     */
    AuditRecord record(String id, String xml) {
        AuditMessage message = parser.parse(xml, false);
        EventIdentificationType event = message.getEventIdentification();
        String code = event.getEventID().getCode();
        String action = event.getEventActionCode() == null ? null : event.getEventActionCode().getValue();
        ActiveParticipantType requestor = message.getActiveParticipants().stream().filter(ActiveParticipantType::isUserIsRequestor)
                .findFirst().orElse(message.getActiveParticipants().isEmpty() ? null : message.getActiveParticipants().getFirst());
        List<String> patients = new ArrayList<>();
        List<String> studies = new ArrayList<>();
        String query = null;
        for (ParticipantObjectIdentificationType object : message.getParticipantObjectIdentifications()) {
            String objectId = object.getParticipantObjectID();
            if (object.getParticipantObjectTypeCodeRole() == ParticipantObjectTypeCodeRole.Patient
                    && !AtnaMessages.UNKNOWN.equals(objectId)) {
                patients.add(objectId);
            } else if (object.getParticipantObjectIDTypeCode() != null
                    && ParticipantObjectIdTypeCode.StudyInstanceUID.getCode().equals(object.getParticipantObjectIDTypeCode().getCode())
                    && !AtnaMessages.UNKNOWN.equals(objectId)) {
                studies.add(objectId);
            }
            if (object.getParticipantObjectQuery() != null && object.getParticipantObjectTypeCodeRole() == ParticipantObjectTypeCodeRole.Query) {
                query = new String(object.getParticipantObjectQuery(), StandardCharsets.UTF_8);
            }
        }
        return new AuditRecord(id, event.getEventDateTime(), type(code, action), code, action, outcome(event.getEventOutcomeIndicator()),
                event.getEventOutcomeDescription(), requestor == null ? null : requestor.getUserID(),
                requestor == null ? null : requestor.getAlternativeUserID(), requestor == null ? null : requestor.getNetworkAccessPointID(),
                patients, studies, query == null || query.isEmpty() ? null : query,
                message.getAuditSourceIdentification() == null ? null : message.getAuditSourceIdentification().getAuditSourceID(), xml);
    }

    /** The {@link AuditEvent.Action} an event ID (and action code) stands for. */
    static String type(String eventCode, String actionCode) {
        return switch (eventCode) {
            case "110104" -> "C".equals(actionCode) ? AuditEvent.Action.IMPORT.name() : AuditEvent.Action.EXPORT.name();
            case "110112" -> AuditEvent.Action.QUERY.name();
            case "110103" -> AuditEvent.Action.READ.name();
            case "110113" -> AuditEvent.Action.SECURITY_ALERT.name();
            case "110114" -> AuditEvent.Action.USER_AUTHENTICATION.name();
            case "110110" -> AuditEvent.Action.PATIENT_RECORD.name();
            case "110109" -> AuditEvent.Action.ORDER_RECORD.name();
            default -> AuditRecord.OTHER;
        };
    }

    private static AuditEvent.Outcome outcome(EventOutcomeIndicator indicator) {
        return switch (indicator) {
            case Success -> AuditEvent.Outcome.SUCCESS;
            case MinorFailure -> AuditEvent.Outcome.MINOR_FAILURE;
            case SeriousFailure -> AuditEvent.Outcome.SERIOUS_FAILURE;
            case MajorFailure -> AuditEvent.Outcome.MAJOR_FAILURE;
        };
    }
}
