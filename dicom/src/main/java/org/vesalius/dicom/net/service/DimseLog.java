package org.vesalius.dicom.net.service;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.UidRegistry;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.dicom.net.dimse.DicomStatus;

/**
 * One line per DIMSE operation, logged as {@code org.vesalius.dicom.net.service.Dimse}: operation,
 * SOP Class, status, bytes and duration. The association's name is in the line and in the MDC
 * ({@code dicom.association}) of the thread that logs it: the reader thread, or the thread a
 * C-FIND, C-MOVE or C-GET runs on. Every value from the wire (UIDs, level, destination, Error
 * Comment) goes through {@link LogValue}; the association's name has its AE titles escaped already.
 *
 * <p>Levels: single-instance operations that succeed (C-ECHO, C-STORE, sub-operations) at DEBUG,
 * since an archive performs thousands a minute; their failures and warnings at INFO, since a
 * refused instance is a business event, not a fault; C-FIND, C-MOVE and C-GET at INFO, one line
 * each with their counts.
 */
final class DimseLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.vesalius.dicom.net.service.Dimse");
    /** The MDC key the upper layer sets on an association's reader thread; operation threads set it too. */
    static final String MDC_KEY = "dicom.association";

    private DimseLog() {
    }

    /** A C-ECHO or C-STORE, performed (direction "from") or invoked ("to"). */
    static void single(String association, String operation, String direction, String sopClass, String sopInstance,
            DicomStatus status, String comment, long bytes, long startNanos) {
        boolean quiet = status != null && status.isSuccess();
        if (quiet ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        String line = "{}: {} {} {}{}: {} ({} bytes, {} ms){}";
        Object[] args = {association, operation, direction, name(sopClass),
                sopInstance == null ? "" : " " + LogValue.escape(sopInstance), status == null ? "no response" : status, bytes,
                millis(startNanos), quoted(comment)};
        if (quiet) {
            LOG.debug(line, args);
        } else {
            LOG.info(line, args);
        }
    }

    /** A C-FIND, performed or invoked. */
    static void find(String association, String direction, String sopClass, String level, int matches, DicomStatus status,
            String comment, long startNanos) {
        LOG.info("{}: C-FIND {} {} level {}: {} matches, {} ({} ms){}", association, direction,
                name(sopClass), LogValue.escape(level), matches, status == null ? "no final response" : status,
                millis(startNanos), quoted(comment));
    }

    /** A C-MOVE or C-GET, performed or invoked. */
    static void retrieve(String association, String operation, String direction, String sopClass, String destination,
            SubOperations counts, DicomStatus status, String comment, long startNanos) {
        LOG.info("{}: {} {} {}{}: {}, {} ({} ms){}", association, operation, direction, name(sopClass),
                destination == null ? "" : " to " + LogValue.escape(destination), counts,
                status == null ? "no final response" : status, millis(startNanos), quoted(comment));
    }

    /** Runs {@code task} with the association's name in the MDC, as on its reader thread. */
    static Runnable withMdc(String association, Runnable task) {
        return () -> {
            org.slf4j.MDC.put(MDC_KEY, association);
            try {
                task.run();
            } finally {
                org.slf4j.MDC.remove(MDC_KEY);
            }
        };
    }

    /** The SOP Class keyword when the registry knows it (shorter and readable), else the UID. */
    static String name(String sopClass) {
        if (sopClass == null) {
            return "(no SOP Class)";
        }
        String keyword = UidRegistry.standard().keywordOf(sopClass);
        return keyword.isEmpty() ? LogValue.escape(sopClass) : keyword;
    }

    /** An Error Comment as it ends a line: quoted and escaped, or nothing. */
    private static String quoted(String comment) {
        return comment == null ? "" : " \"" + LogValue.escape(comment) + "\"";
    }

    private static long millis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
