package org.vesalius.vna.archive.api.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.InvalidQueryException;

/** A Modality Worklist identifier read into a query: what matches, what only returns, what is refused. */
class WorklistQueryParserTest {

    @Test
    void stepKeysBecomeSequenceMatchingAndTheRestReturnKeys() {
        Dataset id = new Dataset();
        id.setString(Tags.PatientName, VR.PN, "DOE*");
        id.set(Tags.PatientID, VR.LO, null);
        id.setString(Tags.PatientWeight, VR.DS, "70"); // not a worklist key: returned only
        Dataset step = id.newSequence(Tags.ScheduledProcedureStepSequence, 1).addItem();
        step.setString(Tags.Modality, VR.CS, "CT");
        step.setString(Tags.ScheduledProcedureStepStartDate, VR.DA, "20261208-20261209");
        step.set(Tags.ScheduledStationAETitle, VR.AE, null);

        WorklistQuery q = WorklistQueryParser.parse(id, 50);

        assertThat(q.matches()).hasSize(2);
        assertThat(q.matches().get(0).condition()).isInstanceOf(Condition.Wildcard.class);
        assertThat(q.matches().get(1).condition()).isInstanceOfSatisfying(Condition.SequenceMatch.class,
                s -> assertThat(s.itemMatches()).hasSize(2));
        assertThat(q.statuses()).isEqualTo(OrderStatus.onWorklist());
        assertThat(q.limit()).isEqualTo(50);
    }

    @Test
    void aStatusKeyChoosesTheStatuses() {
        Dataset id = new Dataset();
        id.newSequence(Tags.ScheduledProcedureStepSequence, 1).addItem().setString(Tags.ScheduledProcedureStepStatus, VR.CS,
                "CANCELED\\COMPLETED");
        assertThat(WorklistQueryParser.parse(id, 10).statuses()).containsExactlyInAnyOrder(OrderStatus.CANCELLED, OrderStatus.COMPLETED);
        Dataset unknown = new Dataset();
        unknown.newSequence(Tags.ScheduledProcedureStepSequence, 1).addItem().setString(Tags.ScheduledProcedureStepStatus, VR.CS,
                "NONSENSE");
        assertThatThrownBy(() -> WorklistQueryParser.parse(unknown, 10)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("ScheduledProcedureStepStatus");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        Dataset date = new Dataset();
        date.newSequence(Tags.ScheduledProcedureStepSequence, 1).addItem().setString(Tags.ScheduledProcedureStepStartDate, VR.DA,
                "2026-12-08");
        assertThatThrownBy(() -> WorklistQueryParser.parse(date, 10)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("ScheduledProcedureStepStartDate");
        Dataset uid = new Dataset();
        uid.setString(Tags.StudyInstanceUID, VR.UI, "1.2.*");
        assertThatThrownBy(() -> WorklistQueryParser.parse(uid, 10)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("StudyInstanceUID");
    }
}
