package org.vesalius.dicom.net.ul.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-AC (PS3.8 9.3.3): the acceptor's answer, with one result per proposed presentation
 * context.
 *
 * @param protocolVersion        bit 0 set for version 1
 * @param calledAeTitle          echoed from the request (not tested on receipt, PS3.8 9.3.3)
 * @param callingAeTitle         echoed from the request (not tested on receipt)
 * @param applicationContextName the application context the acceptor agrees to
 * @param presentationContexts   one result for each proposed context
 * @param userInformation        the acceptor's maximum length, identity and negotiation answers
 */
public record AAssociateAc(int protocolVersion, String calledAeTitle, String callingAeTitle, String applicationContextName,
        List<PresentationContextResult> presentationContexts, UserInformation userInformation) implements Pdu {

    /** PDU-type of A-ASSOCIATE-AC. */
    public static final int TYPE = 0x02;

    public AAssociateAc {
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
