package org.vesalius.vna.server.dimse;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.vesalius.dicom.net.ul.AssociationPolicy;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.RoleSelection;
import org.vesalius.vna.server.net.PeerNetwork;

/**
 * The allow-list of calling AE titles ({@code vna.dicom.access.*}): an AE title not on it, or on
 * it but connecting from another network, is rejected (1, 1, 3) calling-AE-title-not-recognized;
 * an admitted AE's presentation contexts that need a right it lacks are user-rejected (the
 * toolkit's negotiation, through {@link #permits}). Every refusal is logged and handed to the
 * {@link DimseRefusalListener}s once per association.
 */
final class CallingAePolicy implements AssociationPolicy {

    private record Entry(Set<DimseRight> rights, List<PeerNetwork> networks) {
    }

    private final Map<String, Entry> entries;
    private final RefusalReport report;

    private CallingAePolicy(Map<String, Entry> entries, List<DimseRefusalListener> listeners) {
        this.entries = entries;
        this.report = new RefusalReport(listeners);
    }

    /** The policy of {@code rules} (by AE title); a bad entry fails here, naming its key. */
    static CallingAePolicy of(Map<String, DimseAccessRule> rules, List<DimseRefusalListener> listeners) {
        Map<String, Entry> entries = new TreeMap<>();
        rules.forEach((ae, rule) -> {
            String key = "vna.dicom.access." + ae;
            if (!ae.matches(DicomProperties.AE_TITLE)) {
                throw new IllegalArgumentException(key + ": the AE title must be 1 to 16 characters, no backslash or control characters");
            }
            if (rule.rights().isEmpty()) {
                throw new IllegalArgumentException(key + ".rights: name at least one of " + List.of(DimseRight.values()));
            }
            List<PeerNetwork> networks = rule.networks().stream().map(n -> PeerNetwork.parse(key + ".networks", n)).toList();
            entries.put(ae.strip(), new Entry(EnumSet.copyOf(rule.rights()), networks));
        });
        return new CallingAePolicy(Map.copyOf(entries), List.copyOf(listeners));
    }

    @Override
    public Optional<AAssociateRj> admit(AAssociateRq request, SocketAddress peer) {
        InetAddress from = address(peer);
        Entry entry = entries.get(request.callingAeTitle());
        if (entry == null) {
            refuse(request, from, DimseRefusal.Reason.CALLING_AE_NOT_ALLOWED, Set.of());
            return Optional.of(AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED);
        }
        if (!entry.networks().isEmpty() && (from == null || entry.networks().stream().noneMatch(n -> n.contains(from)))) {
            refuse(request, from, DimseRefusal.Reason.NETWORK_NOT_ALLOWED, Set.of());
            return Optional.of(AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED);
        }
        // Reported here, once, rather than from permits() for each of the dozens of contexts storescu proposes.
        Set<DimseRight> lacking = EnumSet.noneOf(DimseRight.class);
        Map<String, RoleSelection> proposedRoles = new HashMap<>();
        for (RoleSelection r : request.userInformation().roleSelections()) {
            proposedRoles.putIfAbsent(r.sopClassUid(), r);
        }
        for (PresentationContextRequest pc : request.presentationContexts()) {
            for (RequestorRole role : roles(proposedRoles.get(pc.abstractSyntax()))) {
                DimseRight needed = DimseRight.neededFor(pc.abstractSyntax(), role);
                if (!entry.rights().contains(needed)) {
                    lacking.add(needed);
                }
            }
        }
        if (!lacking.isEmpty()) {
            refuse(request, from, DimseRefusal.Reason.SERVICE_NOT_PERMITTED, lacking);
        }
        return Optional.empty();
    }

    @Override
    public boolean permits(AAssociateRq request, SocketAddress peer, String abstractSyntax, RequestorRole role) {
        Entry entry = entries.get(request.callingAeTitle());
        return entry != null && entry.rights().contains(DimseRight.neededFor(abstractSyntax, role));
    }

    /** The roles the requestor proposes for a SOP Class (the first role selection for it, as the toolkit reads it): SCU without one. */
    private static List<RequestorRole> roles(RoleSelection proposed) {
        if (proposed == null) {
            return List.of(RequestorRole.SCU);
        }
        return proposed.scu() && proposed.scp() ? List.of(RequestorRole.SCU, RequestorRole.SCP)
                : proposed.scp() ? List.of(RequestorRole.SCP) : List.of(RequestorRole.SCU);
    }

    private void refuse(AAssociateRq request, InetAddress from, DimseRefusal.Reason reason, Set<DimseRight> rights) {
        report.refused(new DimseRefusal(request.callingAeTitle(), request.calledAeTitle(), from, reason, rights), null);
    }

    private static InetAddress address(SocketAddress peer) {
        return peer instanceof InetSocketAddress isa ? isa.getAddress() : null;
    }
}
