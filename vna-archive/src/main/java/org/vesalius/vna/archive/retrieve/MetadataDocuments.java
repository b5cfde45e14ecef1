package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vesalius.vna.archive.journal.JournalEntry;
import org.vesalius.vna.archive.storage.BlobKey;

/**
 * Each instance's metadata document: the one recently served when it is still true (in memory,
 * by the key of the stored object it describes), else the one kept beside the blob
 * ({@link MetadataCache}), else computed from the header (and kept). Both kept forms are checked
 * the same way ({@link MetadataCache.Cached#fresh}): the same stored object, coercion record,
 * journal entries and Modifying System. A viewer's repeated series {@code /metadata} is then no
 * file read per instance. Thread-safe.
 */
final class MetadataDocuments {

    /** The most document bytes kept in memory: a few thousand instances of a large header, tens of thousands of small. */
    static final long MAX_BYTES = 64L << 20;

    private final MetadataCache files;
    private final String modifyingSystem;
    private final Map<BlobKey, MetadataCache.Cached> recent = new LinkedHashMap<>(1024, 0.75f, true);
    private long recentBytes;

    MetadataDocuments(MetadataCache files, String modifyingSystem) {
        this.files = files;
        this.modifyingSystem = modifyingSystem;
    }

    MetadataDocument of(RetrieveService.Located located) {
        InstanceListing.Entry entry = located.entry;
        MetadataCache.Cached kept = recent(entry.current());
        if (kept != null && kept.fresh(entry, located.view.applicableTo(kept.patient()), modifyingSystem)) {
            return kept.document();
        }
        if (files.enabled() && entry.metadata() != null) {
            MetadataCache.Cached cached = files.read(entry.metadata());
            if (cached != null && cached.fresh(entry, located.view.applicableTo(cached.patient()), modifyingSystem)) {
                remember(entry.current(), cached);
                return cached.document();
            }
        }
        RetrievableInstance instance = located.open();
        try {
            MetadataDocument doc = MetadataDocument.of(instance);
            files.save(instance, doc);
            remember(entry.current(), new MetadataCache.Cached(instance.blob().key().value(), instance.coerced(), instance.identity(),
                    instance.journalEntries().stream().map(JournalEntry::sequence).toList(), instance.modifyingSystem(), doc));
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + instance.blob().key() + ": " + e.getMessage(), e);
        }
    }

    private synchronized MetadataCache.Cached recent(BlobKey key) {
        return recent.get(key);
    }

    private synchronized void remember(BlobKey key, MetadataCache.Cached cached) {
        MetadataCache.Cached old = recent.put(key, cached);
        recentBytes += weight(cached) - (old == null ? 0 : weight(old));
        var it = recent.values().iterator();
        while (recentBytes > MAX_BYTES && it.hasNext()) {
            recentBytes -= weight(it.next());
            it.remove();
        }
    }

    private static long weight(MetadataCache.Cached c) {
        return c.document().json.length + 256L;
    }
}
