package org.vesalius.dicom.net.ul;

import java.io.IOException;

/**
 * Receives what arrives on an established association: the seam where the DIMSE layer plugs in.
 *
 * <p>All calls for one association come from its reader thread, one at a time, in order. Calls for
 * different associations come from different threads, so a handler shared by a server must be
 * thread-safe. An exception thrown from a callback aborts the association.
 */
public interface MessageHandler {

    /**
     * One incoming message: command set, and the data set if the command announces one. The data
     * set stream is valid only during this call; what is left unread is skipped afterwards.
     * Responses can be sent from here or from any other thread.
     */
    void onMessage(Association association, IncomingMessage message) throws IOException;

    /** The association is established; called before the first message. */
    default void onEstablished(Association association) {
    }

    /**
     * The peer asked to release. When this returns, A-RELEASE-RP is sent (unless the handler
     * aborted instead). Messages may still be sent until then: wait here for outstanding responses.
     */
    default void onReleaseRequested(Association association) {
    }

    /** The association is over; {@code end} says how. The last call for this association. */
    default void onClosed(Association association, AssociationEnd end) {
    }
}
