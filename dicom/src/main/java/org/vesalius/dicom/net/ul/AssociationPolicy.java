package org.vesalius.dicom.net.ul;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;

/**
 * Decides whether an acceptor admits a requestor, before presentation contexts are looked at.
 * The called AE title is checked before this policy (see {@link ApplicationEntity}).
 */
@FunctionalInterface
public interface AssociationPolicy {

    /**
     * @param request the requestor's A-ASSOCIATE-RQ (calling AE title, identity, ...)
     * @param peer    where the connection comes from
     * @return empty to admit, or the rejection to send (typically
     *         {@link AAssociateRj#CALLING_AE_TITLE_NOT_RECOGNIZED})
     */
    Optional<AAssociateRj> admit(AAssociateRq request, SocketAddress peer);

    /** Admits everyone. */
    static AssociationPolicy admitAll() {
        return (request, peer) -> Optional.empty();
    }

    /** Admits only these calling AE titles (compared after trimming, case-sensitively). */
    static AssociationPolicy callingAeTitles(Collection<String> allowed) {
        Set<String> titles = Set.copyOf(allowed);
        return (request, peer) -> titles.contains(request.callingAeTitle()) ? Optional.empty()
                : Optional.of(AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED);
    }

    /** This policy, then {@code next} if this one admits. */
    default AssociationPolicy and(AssociationPolicy next) {
        return (request, peer) -> {
            Optional<AAssociateRj> rejection = admit(request, peer);
            return rejection.isPresent() ? rejection : next.admit(request, peer);
        };
    }
}
