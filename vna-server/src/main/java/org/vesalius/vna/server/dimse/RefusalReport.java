package org.vesalius.vna.server.dimse;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;

/** Logs a refusal of the DIMSE access policy once (WARN) and hands it to every {@link DimseRefusalListener}. */
final class RefusalReport {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalReport.class);

    private final List<DimseRefusalListener> listeners;

    RefusalReport(List<DimseRefusalListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** {@code why}: words for the log beyond the reason (never a password or token), or null. */
    void refused(DimseRefusal refusal, String why) {
        LOG.warn("DICOM access refused: calling AE {} (called {}) from {}{}: {}{}{}", LogValue.of(refusal.callingAeTitle()),
                LogValue.of(refusal.calledAeTitle()), refusal.peer() == null ? "?" : refusal.peer().getHostAddress(),
                refusal.user() == null ? "" : ", user " + LogValue.escape(refusal.user()), refusal.reason(),
                refusal.refusedRights().isEmpty() ? "" : " " + refusal.refusedRights(),
                why == null ? "" : ": " + LogValue.escape(why)); // a decoder's message may quote the wire
        for (DimseRefusalListener listener : listeners) {
            try {
                listener.refused(refusal);
            } catch (RuntimeException e) {
                LOG.warn("DICOM refusal listener {} failed", listener.getClass().getName(), e);
            }
        }
    }
}
