package org.vesalius.vna.fhir;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.vesalius.vna.archive.api.audit.AuditRecord;

/**
 * An audit record as a FHIR R4 {@code AuditEvent}, following the DICOM mapping of the audit
 * message (PS3.15 A.5 to FHIR AuditEvent, as IHE's Basic Audit Log Patterns use it): type the
 * EventID, action and outcome the message's, the requesting participant as the agent (user id,
 * AE title as alternative id, network address), the patient as a Person entity (role Patient),
 * each study a System Object (role Report, {@code urn:dicom:uid}), the query a System Object
 * (role Query) with the query as sent.
 */
final class AuditEventMapper {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";

    private AuditEventMapper() {
    }

    static AuditEvent map(AuditRecord record) {
        AuditEvent event = new AuditEvent();
        event.setId(record.id());
        event.setType(new Coding(DCM, record.eventCode(), record.type()));
        if (record.actionCode() != null) {
            event.setAction(AuditEventAction.fromCode(record.actionCode()));
        }
        event.setRecorded(Date.from(record.time()));
        event.setOutcome(switch (record.outcome()) {
            case SUCCESS -> AuditEventOutcome._0;
            case MINOR_FAILURE -> AuditEventOutcome._4;
            case SERIOUS_FAILURE -> AuditEventOutcome._8;
            case MAJOR_FAILURE -> AuditEventOutcome._12;
        });
        event.setOutcomeDesc(record.detail());
        AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
        if (record.user() != null) {
            agent.setWho(new Reference().setIdentifier(new Identifier().setValue(record.user())).setDisplay(record.user()));
        }
        agent.setAltId(record.aeTitle());
        if (record.address() != null) {
            agent.getNetwork().setAddress(record.address()).setType(AuditEventAgentNetworkType._2);
        }
        event.getSource().setObserver(new Reference().setDisplay(record.source()));
        for (String patient : record.patients()) {
            entity(event, "1", "Person", "1", "Patient").setWhat(new Reference().setIdentifier(new Identifier().setValue(patient)));
        }
        for (String study : record.studies()) {
            entity(event, "2", "System Object", "3", "Report").setWhat(new Reference()
                    .setIdentifier(new Identifier().setSystem("urn:dicom:uid").setValue("urn:oid:" + study)));
        }
        if (record.query() != null) {
            entity(event, "2", "System Object", "24", "Query").setQuery(record.query().getBytes(StandardCharsets.UTF_8));
        }
        return event;
    }

    private static AuditEventEntityComponent entity(AuditEvent event, String type, String typeDisplay, String role, String roleDisplay) {
        return event.addEntity().setType(new Coding(ENTITY_TYPE, type, typeDisplay)).setRole(new Coding(OBJECT_ROLE, role, roleDisplay));
    }
}
