package org.vesalius.dicom.net.ul.pdu;

import java.util.List;
import java.util.Objects;

/**
 * SOP Class Common Extended Negotiation sub-item (PS3.7 D.3.3.6), sent by requestors only: the
 * service class of a SOP Class and the general SOP Classes it specializes, so that an acceptor
 * that does not know the SOP Class can still accept it as one of those.
 *
 * @param sopClassUid               the proposed SOP Class
 * @param serviceClassUid           its service class
 * @param relatedGeneralSopClasses  general SOP Classes it is related to, possibly none
 */
public record CommonExtendedNegotiation(String sopClassUid, String serviceClassUid, List<String> relatedGeneralSopClasses) {

    public CommonExtendedNegotiation {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(serviceClassUid, "serviceClassUid");
        relatedGeneralSopClasses = List.copyOf(relatedGeneralSopClasses);
    }
}
