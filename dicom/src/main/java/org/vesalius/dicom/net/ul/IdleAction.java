package org.vesalius.dicom.net.ul;

/** What an association does when its idle timeout expires. */
public enum IdleAction {
    /**
     * Request a graceful A-RELEASE; if the peer does not answer within the release timeout, or a
     * message is half received, abort instead. The default: a peer that pooled the association
     * learns it is gone in protocol terms (pynetdicom #619, dcm4che #1505).
     */
    RELEASE,
    /** Send A-ABORT at once (what pynetdicom and dcm4che did historically). */
    ABORT
}
