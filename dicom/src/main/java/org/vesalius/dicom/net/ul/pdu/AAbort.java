package org.vesalius.dicom.net.ul.pdu;

/**
 * A-ABORT (PS3.8 9.3.8): either side ends the association at once.
 *
 * @param source 0 service-user, 2 service-provider (1 is reserved)
 * @param reason significant only for source 2, see the {@code REASON_} constants (PS3.8 Table 9-26)
 */
public record AAbort(int source, int reason) implements Pdu {

    /** PDU-type of A-ABORT. */
    public static final int TYPE = 0x07;

    /** Source 0: DICOM UL service-user (initiated abort). */
    public static final int SOURCE_SERVICE_USER = 0;
    /** Source 2: DICOM UL service-provider (initiated abort). */
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    /** Reason 0: reason-not-specified. */
    public static final int REASON_NOT_SPECIFIED = 0;
    /** Reason 1: unrecognized-PDU. */
    public static final int REASON_UNRECOGNIZED_PDU = 1;
    /** Reason 2: unexpected-PDU. */
    public static final int REASON_UNEXPECTED_PDU = 2;
    /** Reason 4: unrecognized-PDU parameter. */
    public static final int REASON_UNRECOGNIZED_PDU_PARAMETER = 4;
    /** Reason 5: unexpected-PDU parameter. */
    public static final int REASON_UNEXPECTED_PDU_PARAMETER = 5;
    /** Reason 6: invalid-PDU-parameter value. */
    public static final int REASON_INVALID_PDU_PARAMETER_VALUE = 6;

    /** A service-user abort, as sent by {@code Association.abort()}. */
    public static final AAbort BY_USER = new AAbort(SOURCE_SERVICE_USER, REASON_NOT_SPECIFIED);

    public AAbort {
        AAssociateRj.checkByte(source, "source");
        AAssociateRj.checkByte(reason, "reason");
    }

    /** A service-provider abort with the given reason. */
    public static AAbort byProvider(int reason) {
        return new AAbort(SOURCE_SERVICE_PROVIDER, reason);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** The source in the standard's words. */
    public String sourceText() {
        return switch (source) {
            case SOURCE_SERVICE_USER -> "DICOM UL service-user";
            case SOURCE_SERVICE_PROVIDER -> "DICOM UL service-provider";
            default -> "reserved source " + source;
        };
    }

    /** The reason in the standard's words; meaningful for provider aborts only. */
    public String reasonText() {
        return switch (reason) {
            case REASON_NOT_SPECIFIED -> "reason-not-specified";
            case REASON_UNRECOGNIZED_PDU -> "unrecognized-PDU";
            case REASON_UNEXPECTED_PDU -> "unexpected-PDU";
            case REASON_UNRECOGNIZED_PDU_PARAMETER -> "unrecognized-PDU parameter";
            case REASON_UNEXPECTED_PDU_PARAMETER -> "unexpected-PDU parameter";
            case REASON_INVALID_PDU_PARAMETER_VALUE -> "invalid-PDU-parameter value";
            default -> "reserved reason " + reason;
        };
    }

    @Override
    public String toString() {
        return source == SOURCE_SERVICE_PROVIDER ? "A-ABORT by " + sourceText() + ": " + reasonText()
                : "A-ABORT by " + sourceText();
    }
}
