package org.vesalius.dicom.net.ul.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-RQ (PS3.8 9.3.2): the association requestor's proposal.
 *
 * @param protocolVersion         bit 0 set for version 1, the only one defined
 * @param calledAeTitle           the acceptor's AE title, trimmed
 * @param callingAeTitle          the requestor's AE title, trimmed
 * @param applicationContextName  {@link #DICOM_APPLICATION_CONTEXT} in practice
 * @param presentationContexts    the proposed presentation contexts (odd IDs)
 * @param userInformation         maximum length, implementation identity and extended negotiation
 */
public record AAssociateRq(int protocolVersion, String calledAeTitle, String callingAeTitle, String applicationContextName,
        List<PresentationContextRequest> presentationContexts, UserInformation userInformation) implements Pdu {

    /** PDU-type of A-ASSOCIATE-RQ. */
    public static final int TYPE = 0x01;
    /** The protocol version this implementation speaks (bit 0: version 1). */
    public static final int PROTOCOL_VERSION = 1;
    /** 1.2.840.10008.3.1.1.1, the DICOM Application Context Name (PS3.7 A.2.1). */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    public AAssociateRq {
        Objects.requireNonNull(calledAeTitle, "calledAeTitle");
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(applicationContextName, "applicationContextName");
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation, "userInformation");
    }

    @Override
    public int type() {
        return TYPE;
    }
}
