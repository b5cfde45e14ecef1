package org.vesalius.vna.archive.access;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.ReturnKeys;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.api.access.PatientScope;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * Which of some studies a patient scope covers, asked of the index (the study's patient as the
 * archive indexed it: a study holds one patient, invariant 7). A study the index does not know
 * (yet) is outside every restricted scope: a patient-scoped caller sees a study once it is
 * searchable, never before.
 */
final class ScopedStudies {

    private final QueryPort queries;

    ScopedStudies(QueryPort queries) {
        this.queries = queries;
    }

    /** The studies of {@code studyUids} that {@code scope} covers, in the order given. */
    Set<String> allowed(PatientScope scope, List<String> studyUids) {
        Set<String> wanted = new LinkedHashSet<>(studyUids);
        if (scope.unrestricted() || wanted.isEmpty()) {
            return wanted;
        }
        // Nobody, or a UID no study can have: nothing to ask.
        if (scope.patients().isEmpty() || wanted.stream().anyMatch(uid -> !InstanceRef.isValidUid(uid))) {
            return Set.of();
        }
        List<String> uids = List.copyOf(wanted);
        Condition condition = uids.size() == 1 ? new Condition.SingleValue(uids.get(0)) : new Condition.ValueList(uids);
        Query query = new Query(QueryLevel.STUDY, List.of(new AttributeMatch(QueryAttributes.get(Tags.StudyInstanceUID), condition)),
                ReturnKeys.KEYS_ONLY, Math.min(uids.size(), QueryPort.MAX_WINDOW), 0, false, List.of())
                .withPatients(scope.patients()).withTotal(false);
        Set<String> found = new HashSet<>();
        for (Dataset d : queries.query(query).matches()) {
            found.add(d.getString(Tags.StudyInstanceUID));
        }
        wanted.retainAll(found);
        return wanted;
    }

    /** True when {@code scope} covers the study. */
    boolean allowed(PatientScope scope, String studyUid) {
        return scope.unrestricted() || !allowed(scope, List.of(studyUid)).isEmpty();
    }

    /** {@code scope} narrowed to the studies the patient scope covers; null when none is left. */
    RetrieveScope narrow(PatientScope patients, RetrieveScope scope) {
        if (patients.unrestricted()) {
            return scope;
        }
        return switch (scope) {
            case RetrieveScope.Study s -> {
                List<String> left = List.copyOf(allowed(patients, s.studyInstanceUids()));
                yield left.isEmpty() ? null : new RetrieveScope.Study(left);
            }
            case RetrieveScope.Series s -> allowed(patients, s.studyInstanceUid()) ? s : null;
            case RetrieveScope.Instances s -> allowed(patients, s.studyInstanceUid()) ? s : null;
            // Only an exact identity the scope names; "this Patient ID under any issuer" would reach others.
            case RetrieveScope.Patient p -> p.issuerGiven() && patients.allows(p.patient()) ? p : null;
        };
    }
}
