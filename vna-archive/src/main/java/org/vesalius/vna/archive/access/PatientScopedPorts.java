package org.vesalius.vna.archive.access;

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

    /** {@code links} as the caller may read them: of its patients only (a merge names both patients). */
    public static PatientLinks links(PatientLinks links, CallerScope caller) {
        return prior -> {
            PatientScope scope = caller.current();
            return scope.allows(prior) ? links.replacedBy(prior) : java.util.Optional.empty();
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
