package org.vesalius.vna.archive.access;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.access.PatientScope;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;

/** The worklist as a patient-scoped caller reads it: searches narrowed to its patients, another patient's item not found. */
final class PatientScopedWorklist implements WorklistPort {

    private final WorklistPort worklist;
    private final CallerScope caller;

    PatientScopedWorklist(WorklistPort worklist, CallerScope caller) {
        this.worklist = worklist;
        this.caller = caller;
    }

    @Override
    public WorklistItem schedule(WorklistItem item) {
        PatientScope scope = caller.current();
        if (!scope.unrestricted()) {
            throw new IllegalStateException("a patient-scoped caller does not schedule orders");
        }
        return worklist.schedule(item);
    }

    @Override
    public Optional<WorklistItem> item(String id) {
        PatientScope scope = caller.current();
        return worklist.item(id).filter(item -> scope.allows(item.patient()));
    }

    @Override
    public List<WorklistItem> find(WorklistQuery query) {
        PatientScope scope = caller.current();
        if (scope.unrestricted()) {
            return worklist.find(query);
        }
        Set<PatientId> allowed = new HashSet<>(scope.patients());
        if (!query.patients().isEmpty()) {
            allowed.retainAll(query.patients());
        }
        // No patient left: nothing to find (an empty set would mean every patient).
        return allowed.isEmpty() ? List.of() : worklist.find(query.withPatients(allowed));
    }
}
