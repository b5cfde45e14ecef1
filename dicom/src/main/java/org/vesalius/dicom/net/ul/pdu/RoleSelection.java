package org.vesalius.dicom.net.ul.pdu;

import java.util.Objects;

/**
 * SCP/SCU Role Selection sub-item (PS3.7 D.3.3.4). The flags always speak of the association
 * <em>requestor</em>: in a request they propose its roles, in an accept they grant them. Without
 * the item the requestor is SCU and the acceptor SCP.
 *
 * @param sopClassUid the SOP Class the roles apply to
 * @param scu         the requestor may act as SCU
 * @param scp         the requestor may act as SCP
 */
public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {

    public RoleSelection {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
    }
}
