package org.vesalius.vna.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.PatientId;

class PatientIdsTest {

    @Test
    void short_keys_round_trip_to_the_same_patient_and_are_valid_fhir_ids() {
        for (PatientId p : new PatientId[] {new PatientId("12345", "HOSP_A"), new PatientId("12345", ""),
                new PatientId("", ""), new PatientId("Müller-Ä 7", "Klinikum Süd"), new PatientId("x".repeat(40), "ISS")}) {
            String id = PatientIds.of(p);
            assertThat(id).matches("[A-Za-z0-9\\-.]{1,63}");
            assertThat(PatientIds.decode(id)).contains(new PatientIds.Decoded.Exact(p));
        }
        assertThat(PatientIds.of(new PatientId("12345", "HOSP_A"))).isNotEqualTo(PatientIds.of(new PatientId("12345", "HOSP_B")))
                .isNotEqualTo(PatientIds.of(new PatientId("12345", "")));
    }

    @Test
    void long_keys_give_64_characters_with_their_leading_bytes_and_a_digest() {
        PatientId p = new PatientId("A".repeat(64), "B".repeat(64));
        String id = PatientIds.of(p);
        assertThat(id).hasSize(64).matches("[A-Za-z0-9\\-.]+");
        assertThat(PatientIds.decode(id)).get().isInstanceOfSatisfying(PatientIds.Decoded.Hashed.class,
                h -> assertThat(h.keyPrefix()).isEqualTo("A".repeat(36)));
        assertThat(PatientIds.of(new PatientId("A".repeat(64), "C".repeat(64)))).isNotEqualTo(id);
    }

    @Test
    void ids_no_patient_can_have_are_refused() {
        assertThat(PatientIds.decode("not a patient")).isEmpty();
        assertThat(PatientIds.decode("bm8tc2VwYXJhdG9y")).isEmpty(); // "no-separator"
        assertThat(PatientIds.decode("")).isEmpty();
        assertThat(PatientIds.decode("x".repeat(65))).isEmpty();
    }
}
