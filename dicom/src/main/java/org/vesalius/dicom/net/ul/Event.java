package org.vesalius.dicom.net.ul;

/** The events of the DICOM upper layer protocol machine (PS3.8 Table 9-2). */
enum Event {
    EVT1("A-ASSOCIATE Request (local user)", true),
    EVT2("Transport Connect Confirmation (local transport service)", false),
    EVT3("A-ASSOCIATE-AC PDU (received on transport connection)", false),
    EVT4("A-ASSOCIATE-RJ PDU (received on transport connection)", false),
    EVT5("Transport Connection Indication (local transport service)", false),
    EVT6("A-ASSOCIATE-RQ PDU (received on transport connection)", false),
    EVT7("A-ASSOCIATE-response primitive (accept)", true),
    EVT8("A-ASSOCIATE-response primitive (reject)", true),
    EVT9("P-DATA request primitive", true),
    EVT10("P-DATA-TF PDU", false),
    EVT11("A-RELEASE Request primitive", true),
    EVT12("A-RELEASE-RQ PDU (on transport)", false),
    EVT13("A-RELEASE-RP PDU (on transport)", false),
    EVT14("A-RELEASE Response primitive", true),
    EVT15("A-ABORT Request primitive", true),
    EVT16("A-ABORT PDU (on transport)", false),
    EVT17("Transport connection closed indication (local transport service)", false),
    EVT18("ARTIM timer expired (Association reject/release timer)", false),
    EVT19("Unrecognized or invalid PDU received", false);

    private final String description;
    private final boolean localPrimitive;

    Event(String description, boolean localPrimitive) {
        this.description = description;
        this.localPrimitive = localPrimitive;
    }

    /** True for requests and responses issued by the local user, as opposed to what arrives from the network or timers. */
    boolean isLocalPrimitive() {
        return localPrimitive;
    }

    String label() {
        return "Evt" + (ordinal() + 1);
    }

    @Override
    public String toString() {
        return label() + " (" + description + ")";
    }
}
