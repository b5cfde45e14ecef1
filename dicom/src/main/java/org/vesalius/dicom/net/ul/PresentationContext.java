package org.vesalius.dicom.net.ul;

import java.util.Objects;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult.Result;

/**
 * A negotiated presentation context, the same on both sides of the association.
 *
 * @param id             the odd context ID, to pass when sending on it
 * @param abstractSyntax the SOP Class UID proposed
 * @param transferSyntax the transfer syntax UID the acceptor chose (empty if rejected)
 * @param result         acceptance or why not
 * @param scuRole        the association <em>requestor</em> may act as SCU (PS3.7 D.3.3.4)
 * @param scpRole        the association <em>requestor</em> may act as SCP; the acceptor plays the other roles
 */
public record PresentationContext(int id, String abstractSyntax, String transferSyntax, Result result, boolean scuRole,
        boolean scpRole) {

    public PresentationContext {
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        Objects.requireNonNull(result, "result");
    }

    /** True when the acceptor accepted the context. */
    public boolean isAccepted() {
        return result == Result.ACCEPTANCE;
    }

    /** True when the local side may invoke operations (act as SCU) on this context. */
    public boolean localMayBeScu(boolean localIsRequestor) {
        return localIsRequestor ? scuRole : scpRole;
    }

    /** True when the local side may perform operations (act as SCP) on this context. */
    public boolean localMayBeScp(boolean localIsRequestor) {
        return localIsRequestor ? scpRole : scuRole;
    }
}
