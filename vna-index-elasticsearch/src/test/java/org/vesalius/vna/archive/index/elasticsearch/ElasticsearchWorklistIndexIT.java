package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.worklist.OrderStatus;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;
import org.vesalius.vna.archive.api.worklist.WorklistQueryParser;

/**
 * The worklist index on a real Elasticsearch: the Modality Worklist keys as a modality sends them
 * (station, modality, date range, wild-carded name, accession), statuses, patient restriction,
 * order by start, replacement by id, and a cluster that is away.
 */
class ElasticsearchWorklistIndexIT {

    private final String prefix = "vna-it-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void findsStepsAsAModalityAsksForThem() throws Exception {
        String url = TestElasticsearch.require();
        try (ElasticsearchWorklistIndex index = new ElasticsearchWorklistIndex(ElasticsearchIndexConfig.local(URI.create(url))
                .withNamePrefix(prefix).withRefreshOnWrite(true))) {
            index.put(item("a", "P1", "Müller^Anna", "ACC1", "CT", "CT01", "20261208", "0930", OrderStatus.SCHEDULED));
            index.put(item("b", "P2", "Smith^Bob", "ACC2", "CT", "CT02", "20261208", "0800", OrderStatus.SCHEDULED));
            index.put(item("c", "P3", "Mueller^Carl", "ACC3", "MR", "MR01", "20261209", "1000", OrderStatus.SCHEDULED));
            index.put(item("d", "P4", "Done^Dora", "ACC4", "CT", "CT01", "20261208", "0700", OrderStatus.COMPLETED));

            assertThat(ids(index.find(mwl(step("CT", null, "20261208"))))).as("by modality and date, earliest first")
                    .containsExactly("b", "a");
            assertThat(ids(index.find(mwl(step(null, "CT01", null))))).containsExactly("a");
            assertThat(ids(index.find(mwl(step(null, null, "20261208-20261209"))))).containsExactly("b", "a", "c");
            Dataset byName = step(null, null, null);
            byName.setString(Tags.PatientName, VR.PN, "mu*");
            assertThat(ids(index.find(mwl(byName)))).as("case and accents folded, wild card").containsExactly("a", "c");
            Dataset byAccession = step(null, null, null);
            byAccession.setString(Tags.AccessionNumber, VR.SH, "ACC4");
            assertThat(index.find(mwl(byAccession))).as("completed: not on the worklist").isEmpty();
            Dataset completed = step(null, null, null);
            completed.getSequence(Tags.ScheduledProcedureStepSequence).get(0).setString(Tags.ScheduledProcedureStepStatus, VR.CS,
                    "COMPLETED");
            assertThat(ids(index.find(mwl(completed)))).containsExactly("d");
            assertThat(ids(index.find(mwl(step(null, null, null)).withPatients(Set.of(new PatientId("P3", "HOSP"))))))
                    .containsExactly("c");

            // Replaced by id: the cancelled step leaves the worklist, its document stays one.
            index.put(item("a", "P1", "Müller^Anna", "ACC1", "CT", "CT01", "20261208", "0930", OrderStatus.CANCELLED));
            assertThat(ids(index.find(mwl(step("CT", null, null))))).containsExactly("b");
            List<WorklistItem> all = index.find(WorklistQuery.of(List.of(), 10));
            assertThat(ids(all)).containsExactly("d", "b", "a", "c");
            WorklistItem a = all.get(2);
            assertThat(a.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(a.attributes().getString(Tags.PatientName)).isEqualTo("Müller^Anna");
            assertThat(a.step().getString(Tags.ScheduledStationAETitle)).isEqualTo("CT01");
        } finally {
            TestIndexes.drop(url, prefix);
        }
    }

    @Test
    void aClusterThatIsAwayIsUnavailable() {
        try (ElasticsearchWorklistIndex index = new ElasticsearchWorklistIndex(ElasticsearchIndexConfig.local(URI.create("http://127.0.0.1:9"))
                .withNamePrefix(prefix).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1)))) {
            assertThatThrownBy(() -> index.find(WorklistQuery.of(List.of(), 10))).isInstanceOf(UnavailableException.class);
            assertThatThrownBy(() -> index.put(item("x", "P1", "A^B", "ACC", "CT", "CT01", "20261208", "0900", OrderStatus.SCHEDULED)))
                    .isInstanceOf(UnavailableException.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static WorklistQuery mwl(Dataset identifier) {
        return WorklistQueryParser.parse(identifier, 100);
    }

    /** A C-FIND identifier with the step's keys (null: universal). */
    private static Dataset step(String modality, String station, String date) {
        Dataset ds = new Dataset();
        ds.set(Tags.PatientName, VR.PN, null);
        Dataset item = ds.newSequence(Tags.ScheduledProcedureStepSequence, 1).addItem();
        set(item, Tags.Modality, VR.CS, modality);
        set(item, Tags.ScheduledStationAETitle, VR.AE, station);
        set(item, Tags.ScheduledProcedureStepStartDate, VR.DA, date);
        return ds;
    }

    private static void set(Dataset ds, int tag, VR vr, String value) {
        if (value == null) {
            ds.set(tag, vr, null);
        } else {
            ds.setString(tag, vr, value);
        }
    }

    private static WorklistItem item(String id, String patient, String name, String accession, String modality, String station,
            String date, String time, OrderStatus status) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        ds.setString(Tags.PatientID, VR.LO, patient);
        ds.setString(Tags.IssuerOfPatientID, VR.LO, "HOSP");
        ds.setString(Tags.PatientName, VR.PN, name);
        ds.setString(Tags.AccessionNumber, VR.SH, accession);
        Dataset step = ds.newSequence(Tags.ScheduledProcedureStepSequence, 1).addItem();
        step.setString(Tags.Modality, VR.CS, modality);
        step.setString(Tags.ScheduledStationAETitle, VR.AE, station);
        step.setString(Tags.ScheduledProcedureStepStartDate, VR.DA, date);
        step.setString(Tags.ScheduledProcedureStepStartTime, VR.TM, time);
        step.setString(Tags.ScheduledProcedureStepStatus, VR.CS, status.dicom());
        return new WorklistItem(id, status, ds, Instant.parse("2026-12-07T10:00:00Z"), "test");
    }

    private static List<String> ids(List<WorklistItem> items) {
        return items.stream().map(WorklistItem::id).toList();
    }
}
