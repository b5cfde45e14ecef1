package org.vesalius.vna.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceKeysTest {

    @Test
    void layout() {
        assertThat(InstanceKeys.instance("1.2.3", "1.2.3.4", "1.2.3.4.5").value())
                .isEqualTo("studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5.dcm");
        assertThat(InstanceKeys.studyPrefix("1.2.3")).isEqualTo("studies/1.2.3/");
        assertThat(InstanceKeys.seriesPrefix("1.2.3", "1.2.3.4")).isEqualTo("studies/1.2.3/series/1.2.3.4/");
        assertThat(InstanceKeys.instance("1.2.3", "1.2.3.4", "1.2.3.4.5").startsWith(InstanceKeys.seriesPrefix("1.2.3", "1.2.3.4")))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1.2.840.10008.1.2.1", "2.25.329800735698586629295641978511506172918",
            "1.0.2", "1234567890123456789012345678901234567890123456789012345678901234",
            // Leading zeros break PS3.5 9.1 but fill legacy PACS (dcm4che's YBR_422.dcm): accepted.
            "01", "1.02", "1.4.13.3.1.0.19.544194620.9411.768994.0104484"})
    void validUids(String uid) {
        assertThat(InstanceKeys.isValidUid(uid)).isTrue();
        assertThat(InstanceKeys.instance(uid, uid, uid).value()).contains(uid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.", ".1", "1..2", "1.2a", "1.2 ", "1.2\u0000", "-1", "1,2",
            "1.2.3/../../x", "12345678901234567890123456789012345678901234567890123456789012345"})
    void invalidUids(String uid) {
        assertThat(InstanceKeys.isValidUid(uid)).isFalse();
        assertThatThrownBy(() -> InstanceKeys.instance("1.2", "1.2.3", uid))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOP Instance UID");
        assertThatThrownBy(() -> InstanceKeys.studyPrefix(uid)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullUid() {
        assertThat(InstanceKeys.isValidUid(null)).isFalse();
        assertThatThrownBy(() -> InstanceKeys.seriesPrefix("1.2", null)).isInstanceOf(NullPointerException.class);
    }
}
