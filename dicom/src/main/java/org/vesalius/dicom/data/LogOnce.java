package org.vesalius.dicom.data;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a warning the first time a given problem is seen and at DEBUG after that, so that an
 * archive full of files with the same odd (0008,0005) does not flood the log.
 *
 * <p>The set of seen keys is the only shared state; it is bounded, and once full every further
 * message goes to DEBUG. Messages must never contain decoded text, which may be patient data.
 */
final class LogOnce {

    private static final int MAX_KEYS = 1024;
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private LogOnce() {
    }

    static void warn(Logger log, String key, String format, Object... args) {
        if (SEEN.size() < MAX_KEYS && SEEN.add(key)) {
            log.warn(format, args);
        } else if (log.isDebugEnabled()) {
            log.debug(format, args);
        }
    }
}
