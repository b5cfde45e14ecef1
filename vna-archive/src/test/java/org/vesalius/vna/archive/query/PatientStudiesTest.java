package org.vesalius.vna.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.api.retrieve.PatientStudiesUnavailableException;
import org.vesalius.vna.archive.index.QueryIndex;

/**
 * The one "studies of a patient": every page (past the index's 10,000-result window), the issuer
 * exactly when given, every issuer when not; an index that stops paging is a clear failure.
 */
class PatientStudiesTest {

    /** Studies of Patient ID P: 12,000 under issuer A, 3 under B, 2 without issuer; and one of Q. */
    static final class Index implements QueryIndex {
        final List<Dataset> studies = new ArrayList<>();
        final List<Query> asked = new ArrayList<>();
        boolean losePosition;

        Index() {
            for (int i = 0; i < 12_000; i++) {
                studies.add(study("1.2.3." + i, "P", "A"));
            }
            for (int i = 0; i < 3; i++) {
                studies.add(study("1.2.4." + i, "P", "B"));
            }
            for (int i = 0; i < 2; i++) {
                studies.add(study("1.2.5." + i, "P", ""));
            }
            studies.add(study("1.2.6.0", "Q", "A"));
        }

        @Override
        public Page find(Query query, Set<Integer> fetch, boolean everything) {
            asked.add(query);
            List<Dataset> matching = studies.stream().filter(d -> matches(query, d)).toList();
            int from = query.after() == null ? query.offset() : Integer.parseInt(query.after());
            int to = Math.min(matching.size(), from + query.limit());
            boolean more = to < matching.size();
            List<Dataset> page = matching.subList(from, to);
            return new Page(page, matching.size(), more, java.util.Collections.nCopies(page.size(), null),
                    more && !losePosition ? Integer.toString(to) : null);
        }

        private static boolean matches(Query query, Dataset d) {
            PatientId identity = new PatientId(d.getString(Tags.PatientID, ""), d.getString(Tags.IssuerOfPatientID, ""));
            if (!query.patients().isEmpty() && !query.patients().contains(identity)) {
                return false;
            }
            return query.match(Tags.PatientID).map(m -> m.condition().equals(new Condition.SingleValue(identity.id()))).orElse(true);
        }

        private static Dataset study(String uid, String id, String issuer) {
            Dataset d = new Dataset().setString(Tags.StudyInstanceUID, VR.UI, uid).setString(Tags.PatientID, VR.LO, id);
            return issuer.isEmpty() ? d : d.setString(Tags.IssuerOfPatientID, VR.LO, issuer);
        }
    }

    private final Index index = new Index();
    private final PatientStudies studies = new PatientStudies(QueryFeature.create(index, 1000));

    @Test
    void everyStudyOfTheExactIdentityPastTheResultWindow() {
        Set<String> found = studies.of(new PatientId("P", "A"), true);
        assertThat(found).hasSize(12_000).allMatch(uid -> uid.startsWith("1.2.3."));
        assertThat(12_000).isGreaterThan(QueryPort.MAX_WINDOW);
        assertThat(index.asked).allMatch(q -> q.offset() == 0 && q.patients().equals(Set.of(new PatientId("P", "A"))));
    }

    @Test
    void anEmptyIssuerGivenMeansNoIssuer() {
        assertThat(studies.of(new PatientId("P", ""), true)).containsExactlyInAnyOrder("1.2.5.0", "1.2.5.1");
    }

    @Test
    void noIssuerGivenMeansEveryIssuer() {
        Set<String> found = studies.of(new PatientId("P", ""), false);
        assertThat(found).hasSize(12_005).contains("1.2.4.0", "1.2.5.1", "1.2.3.11999").doesNotContain("1.2.6.0");
    }

    @Test
    void anIndexThatStopsPagingIsAClearFailureNotATruncatedAnswer() {
        index.losePosition = true;
        assertThatThrownBy(() -> studies.of(new PatientId("P", "A"), true)).isInstanceOf(PatientStudiesUnavailableException.class)
                .hasMessageContaining("after 1000 studies of patient P^^^A");
    }
}
