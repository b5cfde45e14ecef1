package org.vesalius.vna.server.dimse;

import java.security.Principal;
import java.util.Set;

/**
 * Whom a User Identity proved the requestor to be, and what that user's roles allow on DIMSE:
 * what the verifier hands the association policy (through the toolkit).
 *
 * @param name   the user name, or the token's subject
 * @param method how it was proved: {@code password} or {@code jwt}
 * @param rights what its roles allow ({@link DimseRight#ofRoles})
 */
record DimseUser(String name, String method, Set<DimseRight> rights) implements Principal {

    DimseUser {
        rights = Set.copyOf(rights);
    }

    @Override
    public String getName() {
        return name;
    }
}
