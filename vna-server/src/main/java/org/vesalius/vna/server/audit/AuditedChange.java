package org.vesalius.vna.server.audit;

import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;

/**
 * A change made through a port, audited the way every audited port does it: success or failure
 * recorded, the failure then thrown on; a failure the caller caused (its request refused) is a
 * minor one, any other serious.
 */
final class AuditedChange {

    private AuditedChange() {
    }

    /**
     * Runs {@code change} and records {@code event(outcome, failure message or null)}.
     *
     * @param callersFault whether a failure is the caller's (minor) rather than the archive's (serious)
     */
    static <T> T run(AuditPort audit, Supplier<T> change, BiFunction<AuditEvent.Outcome, String, AuditEvent> event,
            java.util.function.Predicate<RuntimeException> callersFault) {
        T result;
        try {
            result = change.get();
        } catch (RuntimeException e) {
            audit.record(event.apply(callersFault.test(e) ? AuditEvent.Outcome.MINOR_FAILURE : AuditEvent.Outcome.SERIOUS_FAILURE,
                    e.getMessage()));
            throw e;
        }
        audit.record(event.apply(AuditEvent.Outcome.SUCCESS, null));
        return result;
    }
}
