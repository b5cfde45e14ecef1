package org.vesalius.vna.archive.api.access;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.Query;

/**
 * Whose data a caller may read: every patient's, or only the listed patients' (a patient-scoped
 * token: the referrer role, a SMART {@code patient/} scope). The archive applies it to queries
 * and retrieves alike, so an edge cannot forget it; a study outside the scope reads as one the
 * archive does not hold (404, no match), so its existence does not leak.
 *
 * @param unrestricted every patient; {@code patients} is then empty
 * @param patients     when restricted, exactly these identities (Patient ID and issuer; an empty
 *                     issuer meaning none). Empty and restricted: nobody
 */
public record PatientScope(boolean unrestricted, Set<PatientId> patients) {

    /** Every patient (a reader, an administrator, an archive without tokens). */
    public static final PatientScope ALL = new PatientScope(true, Set.of());

    /** No patient at all (a patient-scoped caller whose patient is unknown). */
    public static final PatientScope NONE = new PatientScope(false, Set.of());

    public PatientScope {
        patients = Set.copyOf(patients);
        if (unrestricted && !patients.isEmpty()) {
            throw new IllegalArgumentException("an unrestricted scope lists no patients");
        }
    }

    /** Only these patients. */
    public static PatientScope only(Set<PatientId> patients) {
        return new PatientScope(false, patients);
    }

    /** True when the caller may read {@code patient}'s data. */
    public boolean allows(PatientId patient) {
        return unrestricted || patients.contains(patient);
    }

    /**
     * {@code query} narrowed to this scope: its own patient restriction intersected with this
     * one. Empty when no entity could match (the query names only patients outside the scope).
     */
    public Optional<Query> restrict(Query query) {
        if (unrestricted) {
            return Optional.of(query);
        }
        Set<PatientId> allowed = new HashSet<>(patients);
        if (!query.patients().isEmpty()) {
            allowed.retainAll(query.patients());
        }
        return allowed.isEmpty() ? Optional.empty() : Optional.of(query.withPatients(allowed));
    }
}
