package org.vesalius.vna.server.dimse;

import java.util.List;
import java.util.Set;

/**
 * One calling AE title on the allow-list, {@code vna.dicom.access.<AE>.*}.
 *
 * @param rights   what it may do; at least one
 * @param networks where it may connect from: IP addresses, CIDR blocks ({@code 10.1.0.0/16},
 *                 {@code fd00::/8}) or host names (resolved at each association); empty: anywhere
 * @param userIdentity whether this AE must prove its user (User Identity negotiation); null:
 *                 {@code vna.dicom.user-identity}
 */
public record DimseAccessRule(Set<DimseRight> rights, List<String> networks, UserIdentityMode userIdentity) {

    public DimseAccessRule {
        rights = rights == null ? Set.of() : Set.copyOf(rights);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }
}
