package org.vesalius.vna.hl7.adt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vesalius.vna.archive.api.PatientId;

/**
 * The merges applied so far (prior patient to the patient it became), to refuse a merge that
 * would close a loop: B into A after A into B would send each patient's instances to the other.
 * Not thread-safe: the intake applies one message at a time.
 */
final class MergeLinks {

    private final Map<PatientId, PatientId> targets = new HashMap<>();

    void merged(PatientId prior, PatientId target) {
        targets.put(prior, target);
    }

    /** The patient {@code patient} was last merged into, if it was. */
    Optional<PatientId> targetOf(PatientId patient) {
        return Optional.ofNullable(targets.get(patient));
    }

    /** True when merging {@code prior} into {@code target} would close a loop ({@code target} leads back to {@code prior}). */
    boolean wouldLoop(PatientId prior, PatientId target) {
        Set<PatientId> seen = new HashSet<>();
        for (PatientId p = target; p != null && seen.add(p); p = targets.get(p)) {
            if (p.equals(prior)) {
                return true;
            }
        }
        return false;
    }
}
