package org.vesalius.vna.server.dimse;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.ul.AssociationPolicy;

/**
 * Which calling AEs the listener admits, from where it listens: with an allow-list
 * ({@code vna.dicom.access.*}), exactly the AEs on it with their rights, wherever it listens; without one, every
 * AE with every right on a loopback address (local tools: no browser speaks DIMSE), and on any other address
 * nothing at all: the server refuses to start, unless {@code vna.security.insecure=true}, which admits everyone
 * and says so loudly.
 */
final class DicomAccess {

    private static final Logger LOG = LoggerFactory.getLogger(DicomAccess.class);

    private DicomAccess() {
    }

    /** The policy for a listener on {@code bindAddress}; throws when it must not listen there. */
    static AssociationPolicy policy(InetAddress bindAddress, Map<String, DimseAccessRule> rules, boolean insecure,
            List<DimseRefusalListener> listeners) {
        if (!rules.isEmpty()) {
            return CallingAePolicy.of(rules, listeners);
        }
        if (bindAddress.isLoopbackAddress()) {
            return AssociationPolicy.admitAll();
        }
        String where = bindAddress.isAnyLocalAddress() ? "every interface (" + bindAddress.getHostAddress() + ")"
                : bindAddress.getHostAddress();
        if (!insecure) {
            throw new IllegalStateException("vna.dicom.bind-address is " + where + ", not loopback, and there is no "
                    + "vna.dicom.access.* allow-list: any host could store, find and retrieve. Name the calling AE titles "
                    + "(vna.dicom.access.<AE>.rights=echo,store,...; .networks=10.1.0.0/16,...), or bind 127.0.0.1, "
                    + "or set vna.security.insecure=true to accept every calling AE from anywhere");
        }
        LOG.warn("INSECURE: vna.security.insecure=true: the DICOM listener on {} admits every calling AE from any "
                + "host with every right (no vna.dicom.access.* allow-list). Do not run a real archive like this.", where);
        return AssociationPolicy.admitAll();
    }
}
