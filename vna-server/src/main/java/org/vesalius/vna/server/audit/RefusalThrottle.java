package org.vesalius.vna.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code perMinute} refused-token records a minute: a flood of bad tokens must not flood
 * the audit trail (nor its disk). What is held back is counted, and the next record that passes
 * says how many were held back since when, so nothing goes unmentioned.
 */
final class RefusalThrottle {

    /** What to record: whether to, and how many were held back before it (0 when none). */
    record Decision(boolean record, long heldBack, Instant heldBackSince) {
    }

    private final int perMinute;
    private final Clock clock;
    private Instant window = Instant.MIN;
    private int inWindow;
    private long heldBack;
    private Instant heldBackSince;

    RefusalThrottle(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("at least one refusal a minute must be recorded: " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    synchronized Decision next() {
        Instant now = clock.instant();
        if (!now.isBefore(window.plus(Duration.ofMinutes(1)))) {
            window = now;
            inWindow = 0;
        }
        if (inWindow >= perMinute) {
            if (heldBack++ == 0) {
                heldBackSince = now;
            }
            return new Decision(false, 0, null);
        }
        inWindow++;
        Decision decision = new Decision(true, heldBack, heldBackSince);
        heldBack = 0;
        heldBackSince = null;
        return decision;
    }
}
