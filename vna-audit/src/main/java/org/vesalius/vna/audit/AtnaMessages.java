package org.vesalius.vna.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import org.openehealth.ipf.commons.audit.codes.AuditSourceType;
import org.openehealth.ipf.commons.audit.codes.EventActionCode;
import org.openehealth.ipf.commons.audit.codes.EventOutcomeIndicator;
import org.openehealth.ipf.commons.audit.codes.EventTypeCode;
import org.openehealth.ipf.commons.audit.codes.ParticipantObjectIdTypeCode;
import org.openehealth.ipf.commons.audit.codes.ParticipantObjectTypeCode;
import org.openehealth.ipf.commons.audit.codes.ParticipantObjectTypeCodeRole;
import org.openehealth.ipf.commons.audit.event.BaseAuditMessageBuilder;
import org.openehealth.ipf.commons.audit.event.DicomInstancesAccessedBuilder;
import org.openehealth.ipf.commons.audit.event.DicomInstancesTransferredBuilder;
import org.openehealth.ipf.commons.audit.event.OrderRecordBuilder;
import org.openehealth.ipf.commons.audit.event.PatientRecordBuilder;
import org.openehealth.ipf.commons.audit.event.QueryBuilder;
import org.openehealth.ipf.commons.audit.event.SecurityAlertBuilder;
import org.openehealth.ipf.commons.audit.event.UserAuthenticationBuilder;
import org.openehealth.ipf.commons.audit.marshal.dicom.Current;
import org.openehealth.ipf.commons.audit.model.AuditMessage;
import org.openehealth.ipf.commons.audit.types.ActiveParticipantRoleId;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditEvent.Actor;

/**
 * Turns an {@link AuditEvent} into a DICOM PS3.15 A.5 audit message (XML), with IPF's builders for
 * the DICOM events: Instances Transferred (import as Create, export as Read), Query, Instances
 * Accessed, Security Alert, User Authentication (Login) and Patient Record (Update). The archive itself is the other active participant, named by its AE
 * title.
 */
final class AtnaMessages {

    /** Study Root Query/Retrieve Information Model - FIND: the SOP class a query is audited under (A.5.3.11). */
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    /** The events whose message needs a study (A.5.3.7, A.5.3.8). */
    private static final Set<AuditEvent.Action> STUDY_REQUIRED = EnumSet.of(AuditEvent.Action.IMPORT, AuditEvent.Action.EXPORT,
            AuditEvent.Action.READ);
    /** What IPF writes where a required value is not known (its own convention). */
    static final String UNKNOWN = "UNKNOWN";

    private final String sourceId;
    private final String enterpriseSiteId;
    private final String aeTitle;

    /**
     * @param sourceId         the Audit Source ID (this node)
     * @param enterpriseSiteId the Audit Enterprise Site ID
     * @param aeTitle          the archive's AE title, its active participant
     */
    AtnaMessages(String sourceId, String enterpriseSiteId, String aeTitle) {
        this.sourceId = sourceId;
        this.enterpriseSiteId = enterpriseSiteId;
        this.aeTitle = aeTitle;
    }

    /** The message, serialized as the current DICOM audit schema has it (one line, UTF-8). */
    String xml(AuditEvent event) {
        return Current.INSTANCE.marshal(message(event), false);
    }

    AuditMessage message(AuditEvent event) {
        EventOutcomeIndicator outcome = outcome(event.outcome());
        Actor actor = event.actor();
        BaseAuditMessageBuilder<?> builder = switch (event.action()) {
            case IMPORT -> new DicomInstancesTransferredBuilder(outcome, event.detail(), EventActionCode.Create, null)
                    .setSendingProcessParticipant(actor.id(), null, actor.aeTitle(), actor.address(), true)
                    .setReceivingProcessParticipant(aeTitle, null, null, null, false)
                    .setPatientParticipantObject(patient(event.patient()), null);
            case EXPORT -> new DicomInstancesTransferredBuilder(outcome, event.detail(), EventActionCode.Read, null)
                    .setSendingProcessParticipant(aeTitle, null, null, null, false)
                    .setReceivingProcessParticipant(actor.id(), null, actor.aeTitle(), actor.address(), true)
                    .setPatientParticipantObject(patient(event.patient()), null);
            case READ -> new DicomInstancesAccessedBuilder(outcome, event.detail(), EventActionCode.Read, null)
                    .addActiveParticipant(actor.id(), null, actor.aeTitle(), true, List.of(), actor.address())
                    .setPatientParticipantObject(patient(event.patient()), null);
            case QUERY -> query(new QueryBuilder(outcome, event.detail(), null)
                    .setQueryingParticipant(actor.id(), null, actor.aeTitle(), actor.address(), true)
                    .setRespondingParticipant(aeTitle, null, null, null, false), event);
            case SECURITY_ALERT -> new SecurityAlertBuilder(outcome, event.detail(), EventTypeCode.AccessControlDecision)
                    .addPerformingActiveParticipant(actor.id(), null, actor.aeTitle(), role(event.protocol()), actor.address())
                    .addReportingActiveParticipant(aeTitle, null, null, role("reporter"), null, false)
                    .addAlertNodeSubjectParticipantObject(aeTitle, ParticipantObjectTypeCodeRole.SecurityResource,
                            event.protocol() + (event.detail() == null ? "" : ": " + event.detail()));
            case USER_AUTHENTICATION -> new UserAuthenticationBuilder(outcome, event.detail(), EventTypeCode.Login)
                    .setAuthenticatedParticipant(actor.id(), actor.address())
                    .setAuthenticatingSystemParticipant(aeTitle, null);
            case PATIENT_RECORD -> new PatientRecordBuilder(outcome, event.detail(), EventActionCode.Update, null)
                    .addUserParticipant(actor.id(), actor.aeTitle(), null, actor.address(), List.of(), true)
                    .addUserParticipant(aeTitle, null, null, null, List.of(), false)
                    .addPatient(patient(event.patient()), null, List.of());
            case ORDER_RECORD -> new OrderRecordBuilder(outcome, event.detail(), EventActionCode.Update, null)
                    .addActiveParticipant(actor.id(), null, actor.aeTitle(), true, List.of(), actor.address())
                    .addActiveParticipant(aeTitle, null, null, false, List.of(), null)
                    .setPatientParticipantObject(patient(event.patient()), null);
        };
        for (String study : event.studies()) {
            builder.addStudyParticipantObject(study, Collections.emptyList());
        }
        if (STUDY_REQUIRED.contains(event.action()) && event.studies().isEmpty()) {
            // A.5.3.7 wants at least one study; a refused transfer may not have got as far as reading one.
            builder.addStudyParticipantObject(UNKNOWN, Collections.emptyList());
        }
        builder.setAuditSource(sourceId, enterpriseSiteId, AuditSourceType.ApplicationServerProcess);
        AuditMessage message = builder.getMessage();
        // The builders stamp their own now; the event's time is when the edge answered.
        message.getEventIdentification().setEventDateTime(event.time());
        return message;
    }

    private static QueryBuilder query(QueryBuilder builder, AuditEvent event) {
        byte[] query = (event.query() == null ? "" : event.query()).getBytes(StandardCharsets.UTF_8);
        // Name and Query are a choice in the schema: the query it is.
        builder.addParticipantObjectIdentification(ParticipantObjectIdTypeCode.SOPClassUID, null, query, List.of(),
                STUDY_ROOT_FIND, ParticipantObjectTypeCode.System, ParticipantObjectTypeCodeRole.Query, null, null);
        if (event.patient() != null) {
            builder.addPatientParticipantObject(patient(event.patient()), null, List.of(), null);
        }
        return builder;
    }

    private static String patient(PatientId patient) {
        return patient == null || patient.id().isEmpty() ? UNKNOWN : patient.toString();
    }

    private static ActiveParticipantRoleId role(String name) {
        return ActiveParticipantRoleId.of(name, "99VESALIUS", name);
    }

    private static EventOutcomeIndicator outcome(AuditEvent.Outcome outcome) {
        return switch (outcome) {
            case SUCCESS -> EventOutcomeIndicator.Success;
            case MINOR_FAILURE -> EventOutcomeIndicator.MinorFailure;
            case SERIOUS_FAILURE -> EventOutcomeIndicator.SeriousFailure;
            case MAJOR_FAILURE -> EventOutcomeIndicator.MajorFailure;
        };
    }
}
