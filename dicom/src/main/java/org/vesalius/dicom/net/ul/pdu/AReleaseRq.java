package org.vesalius.dicom.net.ul.pdu;

/** A-RELEASE-RQ (PS3.8 9.3.6): asks the peer to end the association gracefully. */
public record AReleaseRq() implements Pdu {

    /** PDU-type of A-RELEASE-RQ. */
    public static final int TYPE = 0x05;

    @Override
    public int type() {
        return TYPE;
    }
}
