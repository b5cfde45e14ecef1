package org.vesalius.vna.server.dimse;

import java.net.SocketAddress;
import java.security.Principal;
import java.util.Optional;
import org.vesalius.dicom.net.ul.AssociationPolicy;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;

/**
 * Limits a requestor whose User Identity verified ({@link DimseUser}) to what its roles allow,
 * after (and on top of) the calling AE's own rights; a requestor without a verified user is left
 * to the AE's rights. Admits everyone: the identity is checked by {@link DimseUserVerifier}.
 */
final class UserRightsPolicy implements AssociationPolicy {

    @Override
    public Optional<AAssociateRj> admit(AAssociateRq request, SocketAddress peer) {
        return Optional.empty();
    }

    @Override
    public boolean permits(AAssociateRq request, SocketAddress peer, Principal user, String abstractSyntax, RequestorRole role) {
        return !(user instanceof DimseUser verified) || verified.rights().contains(DimseRight.neededFor(abstractSyntax, role));
    }
}
