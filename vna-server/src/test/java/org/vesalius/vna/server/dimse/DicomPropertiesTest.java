package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
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
        assertThat(p.maxAssociations()).isEqualTo(100);
        assertThat(p.maxAssociationsPerCallingAe()).isEqualTo(20);
        assertThat(p.maxPendingConnections()).isEqualTo(200);
        assertThat(p.readerThreads()).isEqualTo(100);
        assertThat(p.readerThreadKeepAlive()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.artimTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.maxIdentifierSize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(p.maxIdentifierElements()).isEqualTo(10_000);
        assertThat(p.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(p.resolvedBindAddress().isLoopbackAddress()).isTrue();
        assertThat(p.access()).isEmpty();
        assertThat(p.tls().enabled()).isFalse();
        assertThat(p.userIdentity()).isEqualTo(UserIdentityMode.NONE);
        assertThat(p.userIdentityByCallingAe()).isEmpty();
    }

    @Test
    void userIdentityGloballyAndPerCallingAe() {
        DicomProperties p = bind(Map.of("vna.dicom.user-identity", "optional", "vna.dicom.access.CT1.rights", "store",
                "vna.dicom.access.CT1.user-identity", "required", "vna.dicom.access.WS1.rights", "find"));
        assertThat(p.userIdentity()).isEqualTo(UserIdentityMode.OPTIONAL);
        assertThat(p.userIdentityByCallingAe()).containsExactly(Map.entry("CT1", UserIdentityMode.REQUIRED));
    }

    @Test
    void aTlsPortNeedsABundle() {
        DicomProperties p = bind(Map.of("vna.dicom.tls.port", "2762", "vna.dicom.tls.bundle", "dicom"));
        assertThat(p.tls().enabled()).isTrue();
        assertThat(p.tls().clientAuth()).isEqualTo(org.vesalius.dicom.net.ul.TlsOptions.ClientAuth.NEED);
        assertThatThrownBy(() -> bind(Map.of("vna.dicom.tls.port", "2762"))).rootCause()
                .hasMessageContaining("vna.dicom.tls.bundle");
        assertThatThrownBy(() -> bind(Map.of("vna.dicom.tls.port", "70000", "vna.dicom.tls.bundle", "dicom")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void theAllowListBindsByAeTitleWithRightsAndNetworks() {
        DicomProperties p = bind(Map.of(
                "vna.dicom.access.CT1.rights", "echo,STORE",
                "vna.dicom.access.CT1.networks", "10.1.0.0/16, ct1.example.org",
                "vna.dicom.access.[WS_1 ROOM].rights", "find,move,get"));
        assertThat(p.access()).containsOnlyKeys("CT1", "WS_1 ROOM");
        assertThat(p.access().get("CT1").rights()).containsExactlyInAnyOrder(DimseRight.ECHO, DimseRight.STORE);
        assertThat(p.access().get("CT1").networks()).containsExactly("10.1.0.0/16", "ct1.example.org");
        assertThat(p.access().get("WS_1 ROOM").networks()).isEmpty();
    }

    @Test
    void aBadAccessEntryStopsStartupNamingItsKey() {
        assertThatThrownBy(() -> bind(Map.of("vna.dicom.access.CT1.networks", "10.0.0.0/8")))
                .rootCause().hasMessageContaining("vna.dicom.access.CT1.rights");
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0.0/x", "::1/129", "not a host", "host/8"}) {
            assertThatThrownBy(() -> bind(Map.of("vna.dicom.access.CT1.rights", "echo", "vna.dicom.access.CT1.networks", bad)))
                    .as(bad).rootCause().hasMessageContaining("vna.dicom.access.CT1.networks");
        }
        assertThatThrownBy(() -> bind(Map.of("vna.dicom.access.CT1.rights", "echo,delete"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("vna.dicom.bind-address", " "))).isInstanceOf(BindException.class);
    }

    @Test
    void limitsBind() {
        DicomProperties p = bind(Map.of("vna.dicom.max-associations", "16", "vna.dicom.max-associations-per-calling-ae", "4",
                "vna.dicom.reader-threads", "0", "vna.dicom.idle-timeout", "0", "vna.dicom.max-identifier-size", "64KB"));
        assertThat(p.maxAssociations()).isEqualTo(16);
        assertThat(p.maxAssociationsPerCallingAe()).isEqualTo(4);
        assertThat(p.readerThreads()).isZero();
        assertThat(p.idleTimeout()).isZero();
        assertThat(p.maxIdentifierSize().toBytes()).isEqualTo(65536);
    }

    @Test
    void impossibleLimitsStopStartup() {
        assertThatThrownBy(() -> bind(Map.of("vna.dicom.artim-timeout", "0s"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("vna.dicom.artim-timeout");
        assertThatThrownBy(() -> bind(Map.of("vna.dicom.max-identifier-size", "0B"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("vna.dicom.max-identifier-size");
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
