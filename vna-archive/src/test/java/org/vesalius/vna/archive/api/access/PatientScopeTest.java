package org.vesalius.vna.archive.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;

/** A patient scope narrows a query: intersected with the query's own patients, nothing when they do not meet. */
class PatientScopeTest {

    static final PatientId A = new PatientId("1", "HOSP");
    static final PatientId A_NO_ISSUER = new PatientId("1", "");
    static final PatientId B = new PatientId("2", "HOSP");

    @Test
    void everyPatientLeavesTheQueryAlone() {
        Query q = Query.of(QueryLevel.STUDY, List.of()).withPatients(Set.of(B));

        assertThat(PatientScope.ALL.restrict(q)).contains(q);
        assertThat(PatientScope.ALL.allows(B)).isTrue();
    }

    @Test
    void aRestrictedScopeNarrowsOrEmptiesTheQuery() {
        PatientScope onlyA = PatientScope.only(Set.of(A));

        assertThat(onlyA.restrict(Query.of(QueryLevel.STUDY, List.of())).orElseThrow().patients()).containsExactly(A);
        assertThat(onlyA.restrict(Query.of(QueryLevel.STUDY, List.of()).withPatients(Set.of(A, B))).orElseThrow().patients())
                .containsExactly(A);
        assertThat(onlyA.restrict(Query.of(QueryLevel.STUDY, List.of()).withPatients(Set.of(B)))).isEmpty();
        // "No issuer" is another patient than "issuer HOSP".
        assertThat(onlyA.restrict(Query.of(QueryLevel.STUDY, List.of()).withPatients(Set.of(A_NO_ISSUER)))).isEmpty();
        assertThat(onlyA.allows(A_NO_ISSUER)).isFalse();
    }

    @Test
    void nobodyMatchesNothing() {
        assertThat(PatientScope.NONE.restrict(Query.of(QueryLevel.PATIENT, List.of()))).isEmpty();
        assertThat(PatientScope.NONE.allows(A)).isFalse();
        assertThatThrownBy(() -> new PatientScope(true, Set.of(A))).isInstanceOf(IllegalArgumentException.class);
    }
}
