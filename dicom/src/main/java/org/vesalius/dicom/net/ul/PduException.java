package org.vesalius.dicom.net.ul;

import java.io.IOException;
import org.vesalius.dicom.net.ul.pdu.AAbort;

/**
 * A received PDU that is unrecognized, unexpected or malformed. The association answers it with
 * an A-ABORT from the service-provider carrying {@link #abortReason()}.
 */
public class PduException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int abortReason;

    /**
     * @param abortReason one of the {@code AAbort.REASON_} values
     * @param message     what was wrong, for logs
     */
    public PduException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    /** The A-ABORT reason that describes the fault (PS3.8 Table 9-26). */
    public int abortReason() {
        return abortReason;
    }

    /** The A-ABORT to send in answer. */
    public AAbort toAbort() {
        return AAbort.byProvider(abortReason);
    }

    static PduException invalid(String message) {
        return new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, message);
    }
}
