package org.vesalius.vna.archive.access;

import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.retrieve.RenderPort;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.access.PatientScope;
import org.vesalius.vna.archive.api.update.PatientLinks;

/**
 * The read ports as a patient-scoped caller must see them: every query narrowed to the
 * {@link CallerScope}'s patients, every retrieve and rendering of a study outside them answered
 * as not found. The server hands these, not the bare ports, to the edges that serve callers
 * with tokens (QIDO-RS, WADO-RS, WADO-URI, FHIR, with its ServiceRequests), so no edge can forget the check.
 */
public final class PatientScopedPorts {

    private PatientScopedPorts() {
    }

    /** {@code queries} narrowed to the caller's patients. */
    public static QueryPort queries(QueryPort queries, CallerScope caller) {
        return new PatientScopedQueries(queries, caller);
    }

    /**
     * {@code retrieve} limited to the caller's patients.
     *
     * @param index the unrestricted query port, to learn a study's patient
     */
    public static RetrievePort retrieve(RetrievePort retrieve, QueryPort index, CallerScope caller) {
        return new PatientScopedRetrieve(retrieve, new ScopedStudies(index), caller);
    }

    /** {@code worklist} as the caller may read it: its patients' orders only. */
    public static WorklistPort worklist(WorklistPort worklist, CallerScope caller) {
        return new PatientScopedWorklist(worklist, caller);
    }

    /**
     * {@code links} as the caller may read them: of its patients only (a merge names both patients),
     * and only the linked patients it may see too.
     */
    public static PatientLinks links(PatientLinks links, CallerScope caller) {
        return new PatientLinks() {
            @Override
            public java.util.Optional<PatientId> replacedBy(PatientId prior) {
                return caller.current().allows(prior) ? links.replacedBy(prior) : java.util.Optional.empty();
            }

            @Override
            public java.util.Set<PatientId> replaces(PatientId target) {
                return visible(target, links.replaces(target));
            }

            @Override
            public java.util.Set<PatientId> seeAlso(PatientId patient) {
                return visible(patient, links.seeAlso(patient));
            }

            private java.util.Set<PatientId> visible(PatientId asked, java.util.Set<PatientId> linked) {
                PatientScope scope = caller.current();
                if (!scope.allows(asked)) {
                    return java.util.Set.of();
                }
                java.util.Set<PatientId> out = new java.util.LinkedHashSet<>(linked);
                out.removeIf(p -> !scope.allows(p));
                return out;
            }
        };
    }

    /**
     * {@code render} limited to the caller's patients.
     *
     * @param index the unrestricted query port, to learn a study's patient
     */
    public static RenderPort render(RenderPort render, QueryPort index, CallerScope caller) {
        return new PatientScopedRender(render, new ScopedStudies(index), caller);
    }
}
