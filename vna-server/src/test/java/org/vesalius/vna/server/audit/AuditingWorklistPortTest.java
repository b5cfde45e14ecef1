package org.vesalius.vna.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.worklist.OrderStatus;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;

/** Orders scheduled through the worklist port become Order Record events, failures included; reads are left to their edges. */
class AuditingWorklistPortTest {

    private final List<AuditEvent> recorded = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private static WorklistItem item(OrderStatus status) {
        Dataset ds = new Dataset();
        ds.setString(Tags.PatientID, VR.LO, "P1");
        ds.setString(Tags.IssuerOfPatientID, VR.LO, "HOSP");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC1");
        ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3");
        ds.newSequence(Tags.ScheduledProcedureStepSequence, 1).addItem().setString(Tags.Modality, VR.CS, "CT");
        return new WorklistItem("order-1", status, ds, Instant.parse("2026-12-07T09:00:00Z"), "HL7 ORM^O01 from RIS MSH-10 5");
    }

    private static final class Fake implements WorklistPort {
        private final RuntimeException failure;

        Fake(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public WorklistItem schedule(WorklistItem item) {
            if (failure != null) {
                throw failure;
            }
            return item;
        }

        @Override
        public Optional<WorklistItem> item(String id) {
            return Optional.empty();
        }

        @Override
        public List<WorklistItem> find(WorklistQuery query) {
            return List.of();
        }
    }

    @Test
    void anOrderScheduledAndCancelledIsRecordedWithThePatientTheStudyAndWhoChangedIt() {
        WorklistPort port = AuditingWorklistPort.around(new Fake(null), recorded::add, clock);
        port.schedule(item(OrderStatus.SCHEDULED));
        port.schedule(item(OrderStatus.CANCELLED));
        port.find(WorklistQuery.of(List.of(), 10));
        port.item("order-1");

        assertThat(recorded).hasSize(2).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditEvent.Action.ORDER_RECORD);
            assertThat(e.patient()).isEqualTo(new PatientId("P1", "HOSP"));
            assertThat(e.studies()).containsExactly("1.2.3");
            assertThat(e.actor().user()).isEqualTo("HL7 ORM^O01 from RIS MSH-10 5");
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        });
        assertThat(recorded.get(1).detail()).isEqualTo("order CANCELLED, accession ACC1 (order-1)");
    }

    @Test
    void aFailedChangeIsRecordedAndStillThrownAndNoAuditMeansNoWrapper() {
        WorklistPort port = AuditingWorklistPort.around(new Fake(new UnavailableException("index down")), recorded::add, clock);
        assertThatThrownBy(() -> port.schedule(item(OrderStatus.SCHEDULED))).isInstanceOf(UnavailableException.class);
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SERIOUS_FAILURE);
            assertThat(e.detail()).endsWith("failed: index down");
        });
        Fake bare = new Fake(null);
        assertThat(AuditingWorklistPort.around(bare, AuditPort.NONE, clock)).isSameAs(bare);
    }
}
