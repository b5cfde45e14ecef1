package org.vesalius.vna.archive.index;

import java.util.Map;

/**
 * The index refused some documents of a write for reasons of their own (for example a value the
 * mapping cannot take): retrying the same write will not help. The other documents of the write
 * were indexed. Failures that retrying can cure (the index overloaded or away) are
 * {@link IndexUnavailableException} instead.
 */
public class IndexWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> failures;

    /** @param failures the reason per SOP Instance UID */
    public IndexWriteException(Map<String, String> failures) {
        super(failures.size() + " instance(s) refused by the index, e.g. " + failures.entrySet().iterator().next());
        this.failures = Map.copyOf(failures);
    }

    /** Why each refused instance was refused, by SOP Instance UID. */
    public Map<String, String> failures() {
        return failures;
    }
}
