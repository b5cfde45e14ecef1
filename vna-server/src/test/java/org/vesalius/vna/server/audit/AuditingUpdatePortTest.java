package org.vesalius.vna.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdateResult;

/** Patient updates and merges through the update port become Patient Record events, failures included. */
class AuditingUpdatePortTest {

    private final List<AuditEvent> recorded = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void anUpdateAndAMergeAreRecordedWithThePatientAndWhoAsked() {
        AuditingUpdatePort port = new AuditingUpdatePort(update -> new UpdateResult("1", clock.instant()), recorded::add, clock);
        PatientId patient = new PatientId("P1", "HOSP");

        port.update(PatientUpdate.of(patient, "name corrected", "HL7:ADT^A08 MSH-10 17", Tags.PatientName, "Doe^Jane"));
        port.update(PatientUpdate.of(patient, "duplicate", "HL7:ADT^A40 MSH-10 18", Tags.PatientID, "P2"));

        assertThat(recorded).extracting(AuditEvent::action).containsOnly(AuditEvent.Action.PATIENT_RECORD);
        assertThat(recorded).extracting(AuditEvent::patient).containsOnly(patient);
        assertThat(recorded).extracting(AuditEvent::outcome).containsOnly(AuditEvent.Outcome.SUCCESS);
        assertThat(recorded).extracting(AuditEvent::protocol).containsExactly("patient update", "patient merge");
        assertThat(recorded.get(0).actor().user()).isEqualTo("HL7:ADT^A08 MSH-10 17");
        assertThat(recorded.get(1).detail()).isEqualTo("merge: duplicate");
    }

    @Test
    void aFailedUpdateIsRecordedAndStillThrown() {
        AuditingUpdatePort port = new AuditingUpdatePort(update -> {
            throw new IllegalStateException("journal unavailable");
        }, recorded::add, clock);

        assertThatThrownBy(() -> port.update(PatientUpdate.of(new PatientId("P1", ""), "", "", Tags.PatientName, "X")))
                .hasMessage("journal unavailable");
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SERIOUS_FAILURE);
            assertThat(e.detail()).contains("journal unavailable");
        });
    }

    @Test
    void aLinkAndAnUnlinkAreRecordedToo() {
        List<String> done = new ArrayList<>();
        AuditingUpdatePort port = new AuditingUpdatePort(new org.vesalius.vna.archive.api.update.UpdatePort() {
            @Override
            public UpdateResult update(PatientUpdate update) {
                return new UpdateResult("1", clock.instant());
            }

            @Override
            public void link(PatientId a, PatientId b, String source) {
                done.add("link " + a + " " + b);
            }

            @Override
            public boolean unlink(PatientId a, PatientId b, String source) {
                done.add("unlink " + a + " " + b);
                return true;
            }
        }, recorded::add, clock);
        PatientId a = new PatientId("P1", "HOSP");
        PatientId b = new PatientId("P9", "HOSP");

        port.link(a, b, "HL7 A24 from RIS MSH-10 1");
        assertThat(port.unlink(a, b, "HL7 A37 from RIS MSH-10 2")).isTrue();

        assertThat(done).hasSize(2);
        assertThat(recorded).extracting(AuditEvent::protocol).containsExactly("patient link", "patient unlink");
        assertThat(recorded).extracting(AuditEvent::patient).containsOnly(a);
        assertThat(recorded.get(0).actor().user()).isEqualTo("HL7 A24 from RIS MSH-10 1");
        assertThat(recorded.get(1).detail()).contains(b.toString());
    }
}
