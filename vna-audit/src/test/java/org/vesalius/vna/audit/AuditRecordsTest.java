package org.vesalius.vna.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditEvent.Action;
import org.vesalius.vna.archive.api.audit.AuditEvent.Actor;
import org.vesalius.vna.archive.api.audit.AuditEvent.Outcome;
import org.vesalius.vna.archive.api.audit.AuditRecord;

/** Every message the trail writes reads back into the fields an auditor searches by. */
class AuditRecordsTest {

    private final AtnaMessages messages = new AtnaMessages("node-1", "hospital", "VESALIUS");
    private final AuditRecords records = new AuditRecords();

    @ParameterizedTest
    @EnumSource(Action.class)
    void everyActionReadsBack(Action action) {
        Instant time = Instant.parse("2026-12-07T10:15:30.123Z");
        AuditEvent event = new AuditEvent(action, "TEST", new Actor("alice", null, "192.0.2.7"), List.of("1.2.3.4"),
                new PatientId("PAT-1", "HOSP"), action == Action.QUERY ? "PatientID=PAT-1" : null, Outcome.MINOR_FAILURE, "no",
                time);

        AuditRecord record = records.record("node-1-1-0", messages.xml(event));

        assertThat(record.type()).isEqualTo(action.name());
        assertThat(record.time()).isEqualTo(time);
        assertThat(record.outcome()).isEqualTo(Outcome.MINOR_FAILURE);
        assertThat(record.detail()).isEqualTo("no");
        assertThat(record.source()).isEqualTo("node-1");
        if (action != Action.SECURITY_ALERT) {
            assertThat(record.user()).isEqualTo("alice");
        }
        if (action != Action.SECURITY_ALERT && action != Action.USER_AUTHENTICATION) {
            assertThat(record.patients()).containsExactly("PAT-1^^^HOSP");
        }
        if (action != Action.SECURITY_ALERT && action != Action.USER_AUTHENTICATION && action != Action.PATIENT_RECORD
                && action != Action.ORDER_RECORD) {
            assertThat(record.studies()).containsExactly("1.2.3.4");
        }
        assertThat(record.query()).isEqualTo(action == Action.QUERY ? "PatientID=PAT-1" : null);
    }

    @Test
    void aDicomActorKeepsItsAeTitleAndAnUnknownStudyIsNone() {
        AuditEvent event = new AuditEvent(Action.EXPORT, "C-GET", new Actor(null, "GETSCU", "192.0.2.9"), List.of(), null, null,
                Outcome.SUCCESS, null, Instant.now());

        AuditRecord record = records.record("x", messages.xml(event));

        assertThat(record.user()).isEqualTo("GETSCU");
        assertThat(record.address()).isEqualTo("192.0.2.9");
        assertThat(record.studies()).isEmpty();
        assertThat(record.patients()).isEmpty();
        assertThat(record.actionCode()).isEqualTo("R");
    }

    @Test
    void aDamagedMessageDoesNotParse() {
        assertThatThrownBy(() -> records.record("x", "<AuditMessage><EventIdent")).isInstanceOf(RuntimeException.class);
    }
}
