package org.vesalius.dicom.net.ul;

import java.net.SocketAddress;
import java.security.Principal;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;

/**
 * Decides whether an acceptor admits a requestor, before presentation contexts are looked at,
 * and then which presentation contexts an admitted requestor may use. The called AE title is
 * checked before this policy (see {@link ApplicationEntity}).
 *
 * <p>A context whose every proposed role {@link #permits} refuses is answered user-rejection
 * (PS3.8 table 9-18, result 1), as when we do not play the role; if no context is left, the
 * association is rejected (1, 1, 1). A requestor is thus refused a service before it sends
 * anything, rather than answered a failure status per request.
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

    /**
     * Whether an admitted requestor may use {@code abstractSyntax} in {@code role}; by default
     * yes. Called for every role the requestor proposes and we play, once it has been admitted.
     *
     * @param request        the A-ASSOCIATE-RQ that {@link #admit} admitted
     * @param peer           where the connection comes from
     * @param abstractSyntax the presentation context's SOP Class
     * @param role           the role the requestor would take: {@link RequestorRole#SCU} invokes
     *                       the service (sends a C-STORE, C-FIND ...), {@link RequestorRole#SCP}
     *                       performs it (receives the C-STOREs of its C-GET)
     */
    default boolean permits(AAssociateRq request, SocketAddress peer, String abstractSyntax, RequestorRole role) {
        return true;
    }

    /**
     * Whether an admitted requestor, verified as {@code user}, may use {@code abstractSyntax} in
     * {@code role}: what the toolkit asks. By default the answer of
     * {@link #permits(AAssociateRq, SocketAddress, String, RequestorRole)}, which ignores the user;
     * a policy whose rights depend on who the requestor is (User Identity negotiation, PS3.7
     * D.3.3.7) overrides this one.
     *
     * @param request        the A-ASSOCIATE-RQ that {@link #admit} admitted
     * @param peer           where the connection comes from
     * @param user           whom the AE's {@link UserIdentityVerifier} verified the requestor as;
     *                       null when it established nobody (no identity sent, or none required)
     * @param abstractSyntax the presentation context's SOP Class
     * @param role           the role the requestor would take
     */
    default boolean permits(AAssociateRq request, SocketAddress peer, Principal user, String abstractSyntax,
            RequestorRole role) {
        return permits(request, peer, abstractSyntax, role);
    }

    /** The role a requestor takes on a presentation context. */
    enum RequestorRole {
        /** It invokes the operations (the usual case). */
        SCU,
        /** It performs them (role selection: a C-GET SCU receiving C-STOREs). */
        SCP
    }

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

    /** This policy, then {@code next} if this one admits; a context is permitted if both permit it. */
    default AssociationPolicy and(AssociationPolicy next) {
        AssociationPolicy first = this;
        return new AssociationPolicy() {
            @Override
            public Optional<AAssociateRj> admit(AAssociateRq request, SocketAddress peer) {
                Optional<AAssociateRj> rejection = first.admit(request, peer);
                return rejection.isPresent() ? rejection : next.admit(request, peer);
            }

            @Override
            public boolean permits(AAssociateRq request, SocketAddress peer, String abstractSyntax, RequestorRole role) {
                return first.permits(request, peer, abstractSyntax, role) && next.permits(request, peer, abstractSyntax, role);
            }

            @Override
            public boolean permits(AAssociateRq request, SocketAddress peer, Principal user, String abstractSyntax,
                    RequestorRole role) {
                return first.permits(request, peer, user, abstractSyntax, role)
                        && next.permits(request, peer, user, abstractSyntax, role);
            }
        };
    }
}
