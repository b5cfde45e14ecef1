package org.vesalius.dicom.net.ul;

import java.util.Objects;
import org.vesalius.dicom.net.ul.pdu.AAbort;

/**
 * How an association ended.
 *
 * @param kind   released, aborted by us, aborted by the peer, or connection lost
 * @param abort  the A-ABORT sent or received, or null
 * @param detail a short explanation for logs (for example "idle timeout" or the protocol error)
 */
public record AssociationEnd(Kind kind, AAbort abort, String detail) {

    /** The four ways an association ends. */
    public enum Kind {
        /** A-RELEASE completed (either side asked). */
        RELEASED,
        /** We sent A-ABORT: our user asked, a timer expired, or the peer broke the protocol. */
        ABORTED_LOCALLY,
        /** The peer sent A-ABORT. */
        ABORTED_BY_PEER,
        /** The connection closed or failed without A-ABORT or release (A-P-ABORT). */
        CONNECTION_LOST
    }

    public AssociationEnd {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** True for {@link Kind#RELEASED}. */
    public boolean isReleased() {
        return kind == Kind.RELEASED;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case RELEASED -> "released" + (detail.isEmpty() ? "" : " (" + detail + ")");
            case ABORTED_LOCALLY -> "aborted by us" + (detail.isEmpty() ? "" : ": " + detail)
                    + (abort != null && abort.source() == AAbort.SOURCE_SERVICE_PROVIDER ? " [" + abort.reasonText() + "]" : "");
            case ABORTED_BY_PEER -> "aborted by peer (" + abort + ")";
            case CONNECTION_LOST -> "connection lost" + (detail.isEmpty() ? "" : ": " + detail);
        };
    }
}
