package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.access.PatientScope;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.server.security.SmartScope.Interaction;

/** How roles, SMART scopes and the patient claim of a token combine (vna-server/README.md, "Patient-scoped access and SMART"). */
class TokenAccessTest {

    static final PatientId ALICE = new PatientId("A-1", "HOSP");
    static final String ALICE_ID = PatientIds.of(ALICE);
    static final Function<PatientIds.Decoded.Hashed, Optional<PatientId>> NO_LOOKUP = hashed -> Optional.empty();
    static final ClinicalRead.Target STUDY_SEARCH = new ClinicalRead.Target(List.of("ImagingStudy"), Interaction.SEARCH);
    static final ClinicalRead.Target PATIENT_READ = new ClinicalRead.Target(List.of("Patient"), Interaction.READ);

    @Test
    void aReaderSeesEveryPatientAndAReferrerItsOwn() {
        TokenAccess reader = access(Map.of("roles", List.of("reader")));
        TokenAccess referrer = access(Map.of("roles", List.of("referrer"), "patient", ALICE_ID));
        TokenAccess both = access(Map.of("roles", List.of("referrer", "reader"), "patient", ALICE_ID));

        assertThat(reader.patientScope(NO_LOOKUP)).isEqualTo(PatientScope.ALL);
        assertThat(referrer.patientScope(NO_LOOKUP)).isEqualTo(PatientScope.only(Set.of(ALICE)));
        assertThat(both.patientScope(NO_LOOKUP)).isEqualTo(PatientScope.ALL);
        assertThat(referrer.permits(STUDY_SEARCH)).isTrue();
    }

    @Test
    void aReferrerWithoutAPatientIsRefusedAndSeesNobody() {
        for (Object patient : new Object[] {null, "", "not/an id", "x".repeat(65), 42}) {
            Map<String, Object> claims = new java.util.HashMap<>(Map.of("roles", List.of("referrer")));
            if (patient != null) {
                claims.put("patient", patient);
            }
            TokenAccess referrer = access(claims);
            assertThat(referrer.patientScope(NO_LOOKUP)).as("%s", patient).isEqualTo(PatientScope.NONE);
            assertThat(referrer.permits(STUDY_SEARCH)).as("%s", patient).isFalse();
        }
    }

    /** A long id names its patient through a lookup (of the unrestricted index); one no patient has means nobody. */
    @Test
    void aLongPatientIdIsLookedUp() {
        PatientId longOne = new PatientId("P".repeat(60), "HOSP");
        TokenAccess referrer = access(Map.of("roles", List.of("referrer"), "patient", PatientIds.of(longOne)));

        assertThat(referrer.permits(STUDY_SEARCH)).isTrue();
        assertThat(referrer.patientScope(hashed -> Optional.of(longOne))).isEqualTo(PatientScope.only(Set.of(longOne)));
        assertThat(referrer.patientScope(NO_LOOKUP)).isEqualTo(PatientScope.NONE);
    }

    @Test
    void scopesStandForARoleOnlyWithoutARolesClaim() {
        TokenAccess patientApp = access(Map.of("scope", "launch/patient patient/ImagingStudy.rs", "patient", ALICE_ID));
        TokenAccess userApp = access(Map.of("scope", "openid user/*.read"));
        TokenAccess writeOnly = access(Map.of("scope", "user/*.cud"));
        TokenAccess ingestWithScopes = access(Map.of("roles", List.of("ingest"), "scope", "user/*.rs"));

        assertThat(patientApp.roles()).containsExactly(Role.REFERRER);
        assertThat(userApp.roles()).containsExactly(Role.READER);
        assertThat(writeOnly.roles()).isEmpty();
        assertThat(ingestWithScopes.roles()).containsExactly(Role.INGEST);
    }

    @Test
    void smartScopesMustGrantEachRead() {
        TokenAccess studies = access(Map.of("roles", List.of("reader"), "scope", "user/ImagingStudy.s"));
        TokenAccess noScopes = access(Map.of("roles", List.of("reader"), "scope", "openid profile"));

        assertThat(studies.permits(STUDY_SEARCH)).isTrue();
        assertThat(studies.permits(PATIENT_READ)).isFalse();
        assertThat(noScopes.permits(PATIENT_READ)).isTrue();
    }

    /** A patient/ scope narrows even a reader to the launch patient: SMART's patient-level access. */
    @Test
    void anyPatientScopeMakesTheTokenPatientScoped() {
        TokenAccess readerApp = access(Map.of("roles", List.of("reader"), "scope", "patient/ImagingStudy.rs user/Patient.rs",
                "patient", ALICE_ID));
        TokenAccess withoutPatient = access(Map.of("roles", List.of("admin"), "scope", "patient/*.rs"));

        assertThat(readerApp.patientScope(NO_LOOKUP)).isEqualTo(PatientScope.only(Set.of(ALICE)));
        assertThat(withoutPatient.patientScope(NO_LOOKUP)).isEqualTo(PatientScope.NONE);
        assertThat(withoutPatient.permits(STUDY_SEARCH)).isFalse();
    }

    @Test
    void rolesMayBeASpaceSeparatedStringAndUnknownOnesAreIgnored() {
        assertThat(access(Map.of("roles", "reader wizard")).roles()).containsExactly(Role.READER);
        assertThat(access(Map.of("roles", List.of())).roles()).isEmpty();
        assertThat(access(Map.of("roles", 12)).roles()).isEmpty();
        // No role of the archive named: the scopes stand for one.
        assertThat(access(Map.of("roles", List.of(), "scope", "user/*.rs")).roles()).containsExactly(Role.READER);
        assertThat(access(Map.of("roles", List.of("wizard"), "scope", "patient/*.rs")).roles()).containsExactly(Role.REFERRER);
    }

    private static TokenAccess access(Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("s").issuedAt(Instant.now());
        claims.forEach(jwt::claim);
        return TokenAccess.of(jwt.build(), "roles");
    }
}
