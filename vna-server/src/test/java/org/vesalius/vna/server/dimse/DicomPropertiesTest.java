package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.vesalius.dicom.net.service.MoveDestination;

/** How {@code vna.dicom.*} binds: defaults, and C-MOVE destinations as {@code <AE>=host:port}. */
class DicomPropertiesTest {

    private static DicomProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("vna.dicom", DicomProperties.class);
    }

    @Test
    void defaults() {
        DicomProperties p = bind(Map.of());
        assertThat(p.port()).isEqualTo(11112);
        assertThat(p.aeTitle()).isEqualTo("VESALIUS");
        assertThat(p.moveDestinations()).isEmpty();
    }

    @Test
    void destinationsByAeTitle() {
        DicomProperties p = bind(Map.of(
                "vna.dicom.destinations.VIEWER", "10.0.0.7:104",
                "vna.dicom.destinations.[WS_1 ROOM]", "ws1.example.org:11112",
                "vna.dicom.destinations.V6", "[::1]:4006"));
        assertThat(p.moveDestinations()).containsExactlyInAnyOrder(
                MoveDestination.of("VIEWER", "10.0.0.7", 104),
                MoveDestination.of("WS_1 ROOM", "ws1.example.org", 11112),
                MoveDestination.of("V6", "::1", 4006));
    }

    @Test
    void aBadDestinationStopsStartupNamingItsKey() {
        for (String bad : new String[] {"10.0.0.7", "10.0.0.7:0", "10.0.0.7:70000", ":104", "host:port"}) {
            assertThatThrownBy(() -> bind(Map.of("vna.dicom.destinations.VIEWER", bad))).as(bad)
                    .isInstanceOf(BindException.class)
                    .rootCause().hasMessageContaining("vna.dicom.destinations.VIEWER");
        }
        assertThatThrownBy(() -> bind(Map.of("vna.dicom.destinations.[SEVENTEEN_CHARS_AE]", "h:104")))
                .rootCause().hasMessageContaining("AE title");
    }
}
