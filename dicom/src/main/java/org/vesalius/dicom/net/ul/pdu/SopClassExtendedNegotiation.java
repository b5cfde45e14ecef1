package org.vesalius.dicom.net.ul.pdu;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * SOP Class Extended Negotiation sub-item (PS3.7 D.3.3.5): service-class specific bytes, for
 * example the query options of PS3.4 C.3.1.
 *
 * @param sopClassUid             the SOP Class
 * @param applicationInformation  the Service-class-application-information, opaque here
 */
public record SopClassExtendedNegotiation(String sopClassUid, byte[] applicationInformation) {

    public SopClassExtendedNegotiation {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        applicationInformation = applicationInformation.clone();
    }

    @Override
    public byte[] applicationInformation() {
        return applicationInformation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SopClassExtendedNegotiation other && sopClassUid.equals(other.sopClassUid)
                && Arrays.equals(applicationInformation, other.applicationInformation);
    }

    @Override
    public int hashCode() {
        return sopClassUid.hashCode() * 31 + Arrays.hashCode(applicationInformation);
    }

    @Override
    public String toString() {
        return "SopClassExtendedNegotiation[" + sopClassUid + ", " + HexFormat.of().formatHex(applicationInformation) + "]";
    }
}
