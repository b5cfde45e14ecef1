package org.vesalius.dicom.net.ul.pdu;

/** A-RELEASE-RP (PS3.8 9.3.7): agrees to end the association. */
public record AReleaseRp() implements Pdu {

    /** PDU-type of A-RELEASE-RP. */
    public static final int TYPE = 0x06;

    @Override
    public int type() {
        return TYPE;
    }
}
