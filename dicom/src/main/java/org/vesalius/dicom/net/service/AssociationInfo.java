package org.vesalius.dicom.net.service;

import java.net.SocketAddress;
import java.security.Principal;
import java.util.Objects;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;

/**
 * The association a request came in on, as a value: what a handler needs to authorize, audit or
 * route, without access to the association itself.
 *
 * @param callingAeTitle   the requestor's AE title
 * @param calledAeTitle    the acceptor's AE title, as the requestor called it
 * @param localIsRequestor true on the side that opened the association (for example a C-GET SCU
 *                         receiving its sub-operations)
 * @param remoteAddress    the peer's socket address
 * @param userIdentity     the requestor's User Identity item, or null when it sent none
 * @param name             the association's name in logs, for example {@code STORESCU->VESALIUS}
 * @param user             whom the acceptor verified the requestor's identity as, or null (see
 *                         {@link Association#user()})
 */
public record AssociationInfo(String callingAeTitle, String calledAeTitle, boolean localIsRequestor,
        SocketAddress remoteAddress, UserIdentityRequest userIdentity, String name, Principal user) {

    /** An association with no verified user. */
    public AssociationInfo(String callingAeTitle, String calledAeTitle, boolean localIsRequestor,
            SocketAddress remoteAddress, UserIdentityRequest userIdentity, String name) {
        this(callingAeTitle, calledAeTitle, localIsRequestor, remoteAddress, userIdentity, name, null);
    }

    public AssociationInfo {
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(calledAeTitle, "calledAeTitle");
        Objects.requireNonNull(name, "name");
    }

    /** The peer's AE title: the calling one when we accepted, the called one when we requested. */
    public String remoteAeTitle() {
        return localIsRequestor ? calledAeTitle : callingAeTitle;
    }

    /** Our own AE title on this association. */
    public String localAeTitle() {
        return localIsRequestor ? callingAeTitle : calledAeTitle;
    }

    static AssociationInfo of(Association association) {
        return new AssociationInfo(association.callingAeTitle(), association.calledAeTitle(),
                association.isRequestor(), association.remoteAddress(), association.userIdentity().orElse(null),
                association.toString(), association.user().orElse(null));
    }
}
