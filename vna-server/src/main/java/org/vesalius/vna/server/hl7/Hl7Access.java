package org.vesalius.vna.server.hl7;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.server.net.PeerNetwork;

/**
 * Which senders the MLLP listener serves, from where it listens, as for DICOM: with
 * {@code vna.hl7.access.networks}, exactly the senders from those networks; without, everyone on a
 * loopback address (local tools), and on any other address no one: the server refuses to start,
 * unless {@code vna.security.insecure=true}, which admits everyone and says so loudly. MLLP has no
 * authentication of its own; the network (and, coming, TLS with client certificates) is the access rule.
 */
final class Hl7Access {

    private static final Logger LOG = LoggerFactory.getLogger(Hl7Access.class);

    private Hl7Access() {
    }

    /** The senders admitted by address text (e.g. {@code 10.1.2.3}); throws when the listener must not listen so. */
    static Predicate<String> admitted(String bindAddress, List<String> networks, boolean insecure) {
        List<PeerNetwork> allowed = networks.stream().map(n -> PeerNetwork.parse("vna.hl7.access.networks", n)).toList();
        if (!allowed.isEmpty()) {
            return peer -> address(peer) instanceof InetAddress a && allowed.stream().anyMatch(n -> n.contains(a));
        }
        InetAddress bind = address(bindAddress);
        if (bind == null) {
            throw new IllegalStateException("vna.hl7.bind-address \"" + bindAddress + "\" is not an address of this machine");
        }
        if (bind.isLoopbackAddress()) {
            return peer -> true;
        }
        String where = bind.isAnyLocalAddress() ? "every interface (" + bind.getHostAddress() + ")" : bind.getHostAddress();
        if (!insecure) {
            throw new IllegalStateException("vna.hl7.bind-address is " + where + ", not loopback, and there is no "
                    + "vna.hl7.access.networks allow-list: any host could rename or merge patients. Name the senders' networks "
                    + "(vna.hl7.access.networks=10.1.0.0/16,ris.hospital.org), or bind 127.0.0.1, or set vna.security.insecure=true");
        }
        LOG.warn("INSECURE: vna.security.insecure=true: the HL7 listener on {} takes ADT from any host (no vna.hl7.access.networks). "
                + "Do not run a real archive like this.", where);
        return peer -> true;
    }

    private static InetAddress address(String literal) {
        try {
            // Addresses as the socket reports them, or a configured bind address: literals, not names to look up.
            return literal == null || literal.isBlank() ? null : InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
