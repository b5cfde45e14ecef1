package org.vesalius.vna.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Addresses, CIDR blocks (IPv4 and IPv6) and host names as {@code vna.dicom.access.<AE>.networks} entries. */
class PeerNetworkTest {

    private static boolean contains(String network, String peer) throws Exception {
        return PeerNetwork.parse("key", network).contains(InetAddress.getByName(peer));
    }

    @Test
    void cidrBlocksAndAddresses() throws Exception {
        assertThat(contains("10.1.0.0/16", "10.1.255.3")).isTrue();
        assertThat(contains("10.1.0.0/16", "10.2.0.1")).isFalse();
        assertThat(contains("10.1.2.3/16", "10.1.9.9")).as("host bits ignored").isTrue();
        assertThat(contains("192.168.7.5", "192.168.7.5")).isTrue();
        assertThat(contains("192.168.7.5", "192.168.7.6")).isFalse();
        assertThat(contains("0.0.0.0/0", "203.0.113.9")).isTrue();
        assertThat(contains("172.16.0.0/12", "172.31.255.255")).isTrue();
        assertThat(contains("172.16.0.0/12", "172.32.0.0")).isFalse();
        assertThat(contains("fd00::/8", "fd12::1")).isTrue();
        assertThat(contains("fd00::/8", "fe80::1")).isFalse();
        assertThat(contains("::1", "::1")).isTrue();
        assertThat(contains("10.0.0.0/8", "::1")).as("an IPv6 peer is never in an IPv4 block").isFalse();
    }

    @Test
    void hostNamesAreResolvedAtTheCheck() throws Exception {
        assertThat(contains("localhost", "127.0.0.1")).isTrue();
        assertThat(contains("localhost", "10.9.9.9")).isFalse();
        assertThat(contains("no-such-host.invalid", "127.0.0.1")).as("unresolvable: matches nothing").isFalse();
    }
}
