package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vesalius.vna.server.security.SmartScope.Interaction.CREATE;
import static org.vesalius.vna.server.security.SmartScope.Interaction.DELETE;
import static org.vesalius.vna.server.security.SmartScope.Interaction.READ;
import static org.vesalius.vna.server.security.SmartScope.Interaction.SEARCH;
import static org.vesalius.vna.server.security.SmartScope.Interaction.UPDATE;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.vna.server.security.SmartScope.Context;
import org.vesalius.vna.server.security.SmartScope.Version;

/** The SMART scope parser: v1 and v2 spellings, and everything that is not one. */
class SmartScopeTest {

    @Test
    void v1ScopesGrantReadAndSearchOrTheWrites() {
        assertThat(SmartScope.parse("patient/ImagingStudy.read"))
                .contains(new SmartScope(Context.PATIENT, "ImagingStudy", Set.of(READ, SEARCH), Version.V1));
        assertThat(SmartScope.parse("user/*.write"))
                .contains(new SmartScope(Context.USER, "*", Set.of(CREATE, UPDATE, DELETE), Version.V1));
        assertThat(SmartScope.parse("system/Patient.*"))
                .contains(new SmartScope(Context.SYSTEM, "Patient", Set.of(CREATE, READ, UPDATE, DELETE, SEARCH), Version.V1));
    }

    @Test
    void v2ScopesGrantTheirLetters() {
        assertThat(SmartScope.parse("patient/ImagingStudy.rs"))
                .contains(new SmartScope(Context.PATIENT, "ImagingStudy", Set.of(READ, SEARCH), Version.V2));
        assertThat(SmartScope.parse("system/*.rs")).contains(new SmartScope(Context.SYSTEM, "*", Set.of(READ, SEARCH), Version.V2));
        assertThat(SmartScope.parse("user/Endpoint.r")).contains(new SmartScope(Context.USER, "Endpoint", Set.of(READ), Version.V2));
        assertThat(SmartScope.parse("user/Patient.cruds").orElseThrow().interactions()).containsExactlyInAnyOrder(SmartScope.Interaction.values());
    }

    @Test
    void aScopeGrantsItsTypeOrEveryTypeAndOnlyItsInteractions() {
        SmartScope studies = SmartScope.parse("patient/ImagingStudy.s").orElseThrow();
        SmartScope all = SmartScope.parse("user/*.r").orElseThrow();

        assertThat(studies.grants("ImagingStudy", SEARCH)).isTrue();
        assertThat(studies.grants("ImagingStudy", READ)).isFalse();
        assertThat(studies.grants("Patient", SEARCH)).isFalse();
        assertThat(all.grants("Patient", READ)).isTrue();
        assertThat(all.grants("*", READ)).isTrue();
        assertThat(all.grants("Patient", SEARCH)).isFalse();
    }

    /** Search parameters narrow a v2 scope in ways the archive does not evaluate: it grants nothing. */
    @Test
    void aGranularScopeGrantsNothing() {
        assertThat(SmartScope.parse("patient/Observation.rs?category=laboratory").orElseThrow().interactions()).isEmpty();
        assertThat(SmartScope.parse("patient/ImagingStudy.read?x=1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "openid", "launch/patient", "patient", "patient/", "patient/.rs", "patient/ImagingStudy", "patient/ImagingStudy.",
        "patient/ImagingStudy.sr", "patient/ImagingStudy.rr", "patient/ImagingStudy.rx", "patient/ImagingStudy.READ",
        "patient/imagingStudy.rs", "Patient/ImagingStudy.rs", "practitioner/ImagingStudy.rs", "patient/Imaging-Study.rs",
        "patient/ImagingStudy.rs ", " patient/ImagingStudy.rs", "patient/ImagingStudy.rs\n", "patient/*.*.rs",
        "patient/ImagingStudy.crudsx", "patient//ImagingStudy.rs", "patient/Imaging\u00e9Study.rs", "patient/**.rs",
        "patient/ImagingStudy.read.write", "user/*.readwrite", "system/*.", "patient/ImagingStudy\u0000.rs"})
    void garbageIsNoScope(String text) {
        assertThat(SmartScope.parse(text)).as(text).isEmpty();
    }

    @Test
    void hostileLengthsAreNoScope() {
        assertThat(SmartScope.parse("patient/" + "A".repeat(200) + ".rs")).isEmpty();
        assertThat(SmartScope.parse("patient/ImagingStudy.rs?" + "x".repeat(1_000_000))).isEmpty();
        assertThat(SmartScope.parse("patient/A" + "a".repeat(64) + ".rs")).isEmpty();  // resource types are at most 64
        assertThat(SmartScope.parse("patient/A" + "a".repeat(63) + ".rs")).isPresent();
        assertThat(SmartScope.parse(null)).isEmpty();
    }

    @Test
    void aClaimListsItsClinicalScopesAndIgnoresOthers() {
        SmartScopes scopes = SmartScopes.of("openid profile launch/patient patient/ImagingStudy.rs  user/Patient.read offline_access");

        assertThat(scopes.present()).isTrue();
        assertThat(scopes.patientContext()).isTrue();
        assertThat(scopes.scopes()).extracting(SmartScope::resourceType).containsExactly("ImagingStudy", "Patient");
        assertThat(SmartScopes.of(List.of("user/*.rs")).grants("ImagingStudy", SEARCH)).isTrue();
        assertThat(SmartScopes.of("openid profile")).isEqualTo(SmartScopes.NONE);
        assertThat(SmartScopes.of(null)).isEqualTo(SmartScopes.NONE);
        assertThat(SmartScopes.of(42)).isEqualTo(SmartScopes.NONE);
    }

    /** A malformed clinical scope grants nothing but keeps the token a SMART one: never back to roles alone. */
    @Test
    void aMalformedClinicalScopeMakesASmartTokenThatGrantsNothing() {
        SmartScopes scopes = SmartScopes.of("patient/ImagingStudy.xyz");

        assertThat(scopes.present()).isTrue();
        assertThat(scopes.patientContext()).isTrue();
        assertThat(scopes.scopes()).isEmpty();
        assertThat(scopes.grants("ImagingStudy", READ)).isFalse();
    }

    @Test
    void hostileClaimsGrantNothingAndArePatientScoped() {
        SmartScopes huge = SmartScopes.of("user/*.rs " + "x".repeat(SmartScopes.MAX_CLAIM_LENGTH));
        SmartScopes many = SmartScopes.of("user/*.rs " + "a ".repeat(SmartScopes.MAX_SCOPES));
        SmartScopes hugeList = SmartScopes.of(List.of("user/*.rs", "y".repeat(SmartScopes.MAX_CLAIM_LENGTH)));
        SmartScopes notStrings = SmartScopes.of(List.of("user/*.rs", 7));

        for (SmartScopes s : List.of(huge, many, hugeList, notStrings)) {
            assertThat(s.present()).isTrue();
            assertThat(s.patientContext()).isTrue();
            assertThat(s.grants("ImagingStudy", READ)).isFalse();
        }
    }
}
