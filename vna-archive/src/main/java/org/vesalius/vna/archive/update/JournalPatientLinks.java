package org.vesalius.vna.archive.update;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.update.PatientLinks;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.journal.JournalEntry;

/**
 * The links of the journal (the identity the entries applicable to a patient end in) and of the
 * {@link LinkStore} (the way back from a merge, and A24 links).
 */
final class JournalPatientLinks implements PatientLinks {

    private final Journal journal;
    private final LinkStore links;

    JournalPatientLinks(Journal journal, LinkStore links) {
        this.journal = journal;
        this.links = links;
    }

    @Override
    public Set<PatientId> replaces(PatientId target) {
        return of(target, LinkStore.REPLACES);
    }

    @Override
    public Set<PatientId> seeAlso(PatientId patient) {
        return of(patient, LinkStore.SEE_ALSO);
    }

    private Set<PatientId> of(PatientId patient, String kind) {
        Set<PatientId> out = new LinkedHashSet<>();
        for (LinkStore.Link l : links.of(patient)) {
            if (l.kind().equals(kind)) {
                out.add(l.other());
            }
        }
        return out;
    }

    @Override
    public Optional<PatientId> replacedBy(PatientId prior) {
        PatientId identity = prior;
        for (JournalEntry e : journal.applicableTo(prior)) {
            if (e.changesIdentity()) {
                identity = e.resultingIdentity();
            }
        }
        return identity.equals(prior) ? Optional.empty() : Optional.of(identity);
    }
}
