package org.vesalius.vna.archive.retrieve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.journal.JournalView;
import org.vesalius.vna.archive.storage.BlobKey;

/**
 * What reading a stored object once showed, kept by key (what a key holds never changes): its
 * transfer syntax and, when it was served as stored (nothing coerced, no journal entry applied),
 * its length and the patient the journal knows it by. A multi-instance answer then knows each
 * instance's syntax and length before its first byte without opening the object, and sends its
 * stored bytes from one open. Thread-safe.
 */
final class StoredFacts {

    /** The most objects remembered: about 0.4 KB each. */
    static final int MAX_ENTRIES = 100_000;

    /** @param identity the patient, when it was served as stored; null when it was changed */
    record Facts(String transferSyntaxUid, long size, PatientId identity) {
    }

    private final Map<BlobKey, Facts> facts = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BlobKey, Facts> eldest) {
            return size() > MAX_ENTRIES;
        }
    });

    Facts get(BlobKey key) {
        return facts.get(key);
    }

    void record(RetrievableInstance instance) {
        boolean asStored = !instance.changed() && !instance.coerced();
        facts.put(instance.blob().key(), new Facts(instance.transferSyntaxUid(), instance.blob().size(),
                asStored ? instance.identity() : null));
    }

    /**
     * The stored length of an instance that is served as stored, when that is known without
     * reading it: no coercion record beside it, and no journal entry applies to its patient
     * (in this request's view). -1 otherwise: open it to know.
     */
    long asStoredLength(InstanceListing.Entry entry, JournalView view) {
        Facts f = facts.get(entry.current());
        if (f == null || f.identity() == null || entry.coerced() || !view.applicableTo(f.identity()).isEmpty()) {
            return -1;
        }
        return f.size();
    }
}
