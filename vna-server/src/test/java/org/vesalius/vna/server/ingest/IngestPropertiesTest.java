package org.vesalius.vna.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.vesalius.vna.archive.ingest.DefaultIssuerRule;
import org.vesalius.vna.archive.ingest.DuplicatePolicy;
import org.vesalius.vna.archive.ingest.PatientMismatchPolicy;

/** How {@code vna.ingest.*} binds: defaults, the policy names, and AE titles as map keys. */
class IngestPropertiesTest {

    private static IngestProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("vna.ingest", IngestProperties.class);
    }

    @Test
    void defaults() {
        IngestProperties p = bind(Map.of());

        assertThat(p.duplicatePolicy()).isEqualTo(DuplicatePolicy.REJECT);
        assertThat(p.maxHeaderBytes().toBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(p.defaultIssuer().byCallingAe()).isEmpty();
        assertThat(p.catchUpInterval()).hasSeconds(10);
        assertThat(p.patientMismatch()).isEqualTo(PatientMismatchPolicy.REFUSE);
        assertThat(bind(Map.of("vna.ingest.patient-mismatch", "accept")).patientMismatch()).isEqualTo(PatientMismatchPolicy.ACCEPT);
    }

    @Test
    void aeTitlesKeepTheirCharactersInBrackets() {
        IngestProperties p = bind(Map.of(
                "vna.ingest.duplicate-policy", "keep-as-new-version",
                "vna.ingest.max-header-bytes", "8MB",
                "vna.ingest.default-issuer.by-calling-ae.[CT_SCANNER 1]", "HOSP_A",
                "vna.ingest.default-issuer.by-calling-ae.MR7", "HOSP_B",
                "vna.ingest.default-issuer.by-stow-client.[10.0.0.7]", "HOSP_C"));

        assertThat(p.duplicatePolicy()).isEqualTo(DuplicatePolicy.KEEP_AS_NEW_VERSION);
        assertThat(p.maxHeaderBytes().toMegabytes()).isEqualTo(8);
        assertThat(p.defaultIssuer().byCallingAe()).containsEntry("CT_SCANNER 1", "HOSP_A").containsEntry("MR7", "HOSP_B");
        assertThat(p.defaultIssuer().byStowClient()).containsEntry("10.0.0.7", "HOSP_C");
    }

    @Test
    void anIssuerThatIsNoLoValueIsRefusedAtStartup() {
        IngestProperties p = bind(Map.of("vna.ingest.default-issuer.by-calling-ae.CT", "back\\slash"));

        assertThatThrownBy(() -> new DefaultIssuerRule(p.defaultIssuer().byCallingAe(), p.defaultIssuer().byStowClient()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"CT\"");
    }
}
