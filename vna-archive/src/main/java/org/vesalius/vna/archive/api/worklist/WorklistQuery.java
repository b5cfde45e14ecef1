package org.vesalius.vna.archive.api.worklist;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.AttributeMatch;

/**
 * A search of the worklist: every constraining key must hold on the item (sequence keys on its
 * step), its status must be one of {@code statuses}, and its patient one of {@code patients} when
 * any are given.
 *
 * @param matches  the keys, as {@link WorklistAttributes} knows them
 * @param statuses the statuses wanted (not empty)
 * @param patients the patients the caller may see; empty for every patient
 * @param limit    at most this many items (the oldest scheduled first)
 */
public record WorklistQuery(List<AttributeMatch> matches, Set<OrderStatus> statuses, Set<PatientId> patients, int limit) {

    /** The most items one search returns. */
    public static final int MAX_LIMIT = 1000;

    public WorklistQuery {
        matches = List.copyOf(matches);
        Objects.requireNonNull(statuses, "statuses");
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("a worklist query needs at least one status");
        }
        statuses = Set.copyOf(statuses);
        patients = Set.copyOf(patients);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }

    /** Every item of any status with these keys. */
    public static WorklistQuery of(List<AttributeMatch> matches, int limit) {
        return new WorklistQuery(matches, EnumSet.allOf(OrderStatus.class), Set.of(), limit);
    }

    /** This query narrowed to {@code allowed} patients (a caller's scope). */
    public WorklistQuery withPatients(Set<PatientId> allowed) {
        return new WorklistQuery(matches, statuses, allowed, limit);
    }

    /** This query for these statuses only. */
    public WorklistQuery withStatuses(Set<OrderStatus> wanted) {
        return new WorklistQuery(matches, wanted, patients, limit);
    }
}
