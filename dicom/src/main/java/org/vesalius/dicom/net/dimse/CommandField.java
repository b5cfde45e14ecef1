package org.vesalius.dicom.net.dimse;

/**
 * The DIMSE-C command fields (PS3.7 Table E.1-1, (0000,0100)) this toolkit speaks.
 * A response's code is its request's code with bit 15 set.
 */
public enum CommandField {
    C_STORE_RQ(0x0001), C_STORE_RSP(0x8001),
    C_GET_RQ(0x0010), C_GET_RSP(0x8010),
    C_FIND_RQ(0x0020), C_FIND_RSP(0x8020),
    C_MOVE_RQ(0x0021), C_MOVE_RSP(0x8021),
    C_ECHO_RQ(0x0030), C_ECHO_RSP(0x8030),
    C_CANCEL_RQ(0x0FFF);

    private final int code;

    CommandField(int code) {
        this.code = code;
    }

    /** The value of (0000,0100). */
    public int code() {
        return code;
    }

    /** True for requests (bit 15 clear). */
    public boolean isRequest() {
        return (code & 0x8000) == 0;
    }

    /** The response to this request, or null for C-CANCEL-RQ and for responses. */
    public CommandField response() {
        if (!isRequest() || this == C_CANCEL_RQ) {
            return null;
        }
        return of(code | 0x8000);
    }

    /** The command field with {@code code}, or null when this toolkit does not know it. */
    public static CommandField of(int code) {
        for (CommandField f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().replace('_', '-');
    }
}
