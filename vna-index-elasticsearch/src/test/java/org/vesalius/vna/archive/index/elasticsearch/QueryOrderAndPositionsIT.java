package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryOrder;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.api.query.ReturnKeys;
import org.vesalius.vna.archive.api.query.TimeWindow;
import org.vesalius.vna.archive.index.elasticsearch.GeneratedArchive.Row;
import org.vesalius.vna.archive.query.QueryFeature;

/**
 * The query port's ordering, keyset positions, receipt window, patient identity and lastUpdated
 * (what FHIR search needs) against a real Elasticsearch. Instances of study n are received at
 * {@code T0 + n} minutes, so receipt order is known.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryOrderAndPositionsIT {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final GeneratedArchive data = GeneratedArchive.generate(99, 300);
    private final List<Row> rows = data.rows();
    private ElasticsearchStudyIndex index;
    private QueryPort service;

    @BeforeAll
    void indexTheArchive() {
        index = ElasticsearchStudyIndexIT.newIndex();
        index.index(rows.stream().map(QueryOrderAndPositionsIT::receivedByStudy).toList());
        index.refresh();
        service = QueryFeature.create(index, 1000);
    }

    @AfterAll
    void dropTheIndex() {
        if (index != null) {
            index.deleteIndex();
            index.close();
        }
    }

    private static int studyNumber(String studyUid) {
        return Integer.parseInt(studyUid.substring(studyUid.lastIndexOf('.') + 1));
    }

    private static ArchivedInstance receivedByStudy(Row r) {
        ArchivedInstance a = GeneratedArchive.toInstance(r);
        return new ArchivedInstance(a.ref(), a.patient(), a.sopClassUid(), a.transferSyntaxUid(), a.header(), a.blob(),
                T0.plusSeconds(60L * studyNumber(r.studyUid())).plusMillis(r.instanceNumber()), a.sourceAeTitle());
    }

    private static Query studies() {
        return Query.of(QueryLevel.STUDY, List.of());
    }

    private static String uid(org.vesalius.dicom.data.Dataset d) {
        return d.getString(Tags.StudyInstanceUID);
    }

    @Test
    void keyset_pages_walk_every_study_once_in_the_same_order_as_offsets() {
        for (QueryOrder order : List.of(QueryOrder.STUDY_DATE_DESC, QueryOrder.STUDY_DATE_ASC)) {
            List<String> expected = service.query(studies().withOrder(order)).matches().stream()
                    .map(QueryOrderAndPositionsIT::uid).toList();
            List<String> walked = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                QueryResult page = service.query(studies().withOrder(order).withPaging(4, 0).withAfter(after));
                page.matches().forEach(d -> walked.add(uid(d)));
                assertThat(page.totalMatches()).isEqualTo(expected.size());
                after = page.next();
                assertThat(after == null).isEqualTo(!page.truncated());
                pages++;
            } while (after != null && pages < 100);
            assertThat(walked).as(order.name()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void studies_added_while_paging_neither_shift_nor_repeat_a_page() {
        List<String> before = service.query(studies()).matches().stream().map(QueryOrderAndPositionsIT::uid).toList();
        QueryResult first = service.query(studies().withPaging(5, 0));
        // A study newer than all others: by offsets it would push every page down by one.
        Row template = rows.get(0);
        Row newest = new Row(template.patientId(), template.issuer(), template.universalEntityId(), template.patientName(),
                template.birthDate(), template.sex(), "2.25.9999.1", java.time.LocalDate.of(2030, 1, 1), null, "ACCX",
                "SX", "", "NEW", null, "2.25.9999.1.1", "CT", 1, "new", "RPX", "2.25.9999.1.1.1", GeneratedArchive.CT, 1, 10);
        index.index(List.of(GeneratedArchive.toInstance(newest)));
        index.refresh();
        try {
            List<String> walked = new ArrayList<>();
            first.matches().forEach(d -> walked.add(uid(d)));
            String after = first.next();
            while (after != null) {
                QueryResult page = service.query(studies().withPaging(5, 0).withAfter(after));
                page.matches().forEach(d -> walked.add(uid(d)));
                after = page.next();
            }
            assertThat(walked).containsExactlyElementsOf(before);
        } finally {
            index.remove(List.of(GeneratedArchive.ref(newest)));
            index.refresh();
        }
    }

    @Test
    void received_order_and_window_and_last_updated() {
        QueryResult newest = service.query(studies().withOrder(QueryOrder.RECEIVED_DESC));
        List<Integer> numbers = newest.matches().stream().map(d -> studyNumber(uid(d))).toList();
        assertThat(numbers).isSortedAccordingTo(Comparator.reverseOrder());
        for (int i = 0; i < newest.matches().size(); i++) {
            int n = numbers.get(i);
            int instances = (int) rows.stream().filter(r -> studyNumber(r.studyUid()) == n).count();
            int lastNumber = rows.stream().filter(r -> studyNumber(r.studyUid()) == n).mapToInt(Row::instanceNumber).max().orElseThrow();
            assertThat(newest.lastUpdated().get(i)).isEqualTo(T0.plusSeconds(60L * n).plusMillis(lastNumber));
            assertThat(newest.matches().get(i).getInt(Tags.NumberOfStudyRelatedInstances, -1)).isEqualTo(instances);
        }
        QueryResult oldest = service.query(studies().withOrder(QueryOrder.RECEIVED_ASC));
        assertThat(oldest.matches().stream().map(d -> studyNumber(uid(d))).toList()).isSortedAccordingTo(Comparator.naturalOrder());

        QueryResult window = service.query(studies().withReceived(new TimeWindow(T0.plusSeconds(60 * 3), T0.plusSeconds(60 * 5 + 59))));
        assertThat(window.matches().stream().map(d -> studyNumber(uid(d))).toList()).containsExactlyInAnyOrder(3, 4, 5);
    }

    @Test
    void a_patient_without_issuer_is_not_one_with_an_issuer() {
        Set<String> expected = new HashSet<>();
        rows.stream().filter(r -> r.patientId().equals("12345") && r.issuer().isEmpty()).forEach(r -> expected.add(r.studyUid()));
        QueryResult result = service.query(studies().withPatients(Set.of(new PatientId("12345", ""))));
        assertThat(result.matches().stream().map(QueryOrderAndPositionsIT::uid).toList()).containsExactlyInAnyOrderElementsOf(expected);
        // lastUpdated comes with the computed attributes.
        Query patientsWithCounts = new Query(QueryLevel.PATIENT, List.of(),
                new ReturnKeys(false, true, Set.of(Tags.NumberOfPatientRelatedStudies)), 0, 0, false, List.of());
        QueryResult patients = service.query(patientsWithCounts.withPatients(Set.of(new PatientId("12345", "HOSP_B"))));
        assertThat(patients.matches()).hasSize(1);
        assertThat(patients.lastUpdated().get(0)).isNotNull();
        assertThat(service.query(Query.of(QueryLevel.PATIENT, List.of())).lastUpdated()).containsOnlyNulls();
    }

    @Test
    void foreign_or_misplaced_positions_are_refused_by_name() {
        assertThatThrownBy(() -> service.query(studies().withAfter("garbage")))
                .isInstanceOf(InvalidQueryException.class).extracting(e -> ((InvalidQueryException) e).parameter()).isEqualTo("after");
        String position = service.query(studies().withPaging(2, 0)).next();
        assertThatThrownBy(() -> service.query(Query.of(QueryLevel.PATIENT, List.of()).withAfter(position)))
                .isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> service.query(studies().withOrder(QueryOrder.RECEIVED_DESC).withAfter(position)))
                .isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> service.query(studies().withPaging(2, 2).withAfter(position)))
                .isInstanceOf(InvalidQueryException.class);
    }
}
