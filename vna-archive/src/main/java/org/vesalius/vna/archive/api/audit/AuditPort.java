package org.vesalius.vna.archive.api.audit;

/**
 * The archive's audit trail: every access to and change of protected health information, and
 * every refused association or request, is handed to this port by the edge that saw it.
 *
 * <p>An implementation records the event durably on the node before it returns and delivers it
 * (to an IHE ATNA audit record repository, for one) later, in the background. It never throws
 * and never waits on the network: auditing must not block or fail a clinical request. When the
 * local record itself cannot be written, the implementation logs that loudly and returns.
 */
public interface AuditPort {

    /** The port of a server with auditing off: records nothing. */
    AuditPort NONE = event -> { };

    /**
     * Records one event.
     *
     * @param event what happened, who did it, and how it ended
     */
    void record(AuditEvent event);
}
