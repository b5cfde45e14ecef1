package org.vesalius.vna.archive.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vesalius.vna.archive.api.PatientId;

/**
 * The journal as one request sees it: each patient's entries are listed at most once. Not
 * thread-safe; cheap to make, meant to be dropped after the request.
 *
 * <p><b>Which entries apply to an instance.</b> An instance whose (coerced) header names patient
 * {@code P} takes {@code P}'s entries in order. An entry that changes the identity (Patient ID or
 * Issuer) moves the instance to the new identity {@code Q}: from there on it takes {@code Q}'s
 * entries recorded <em>after</em> that entry, not {@code P}'s. So a merge of {@code P} into
 * {@code Q} followed by a name correction of {@code Q} reaches the instances that came from
 * {@code P}, and an ID later reused for someone else does not pull them back.
 */
public final class JournalView {

    private final Journal journal;
    private final Map<PatientId, List<JournalEntry>> listed = new ConcurrentHashMap<>();

    JournalView(Journal journal) {
        this.journal = journal;
    }

    /** {@code patient}'s own entries, oldest first. */
    public List<JournalEntry> entriesOf(PatientId patient) {
        return listed.computeIfAbsent(patient, journal::entriesOf);
    }

    /** The entries that apply to an instance whose header names {@code original}, oldest first. */
    public List<JournalEntry> applicableTo(PatientId original) {
        List<JournalEntry> out = new ArrayList<>(0);
        PatientId identity = original;
        String after = "";
        boolean moved = true;
        while (moved) {
            moved = false;
            for (JournalEntry e : entriesOf(identity)) {
                if (e.sequence().compareTo(after) <= 0) {
                    continue;
                }
                out.add(e);
                after = e.sequence();
                if (e.changesIdentity()) {
                    identity = e.resultingIdentity();
                    moved = true;
                    break;
                }
            }
        }
        return out;
    }
}
