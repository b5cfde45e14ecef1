package org.vesalius.dicom.net.ul.pdu;

/** One protocol data unit of the DICOM upper layer (PS3.8 9.3). */
public sealed interface Pdu permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf, AReleaseRq, AReleaseRp, AAbort {

    /** The PDU-type byte that starts the encoded PDU. */
    int type();
}
