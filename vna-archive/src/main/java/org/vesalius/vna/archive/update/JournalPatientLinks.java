package org.vesalius.vna.archive.update;

import java.util.Optional;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.update.PatientLinks;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.journal.JournalEntry;

/** The links of the journal: the identity the entries applicable to a patient end in. */
final class JournalPatientLinks implements PatientLinks {

    private final Journal journal;

    JournalPatientLinks(Journal journal) {
        this.journal = journal;
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
