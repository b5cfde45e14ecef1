package org.vesalius.vna.archive.retrieve;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.ingest.InstanceVersions;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.InstanceKeys;

/**
 * Series listings kept while the store says they still hold ({@link BlobStore#listingStamp}): a
 * viewer asks for every frame of a series one request at a time, and each request needs its
 * instance's current version. Listing a 1,500-entry series directory per request was most of
 * a {@code /frames} request's time; with a kept listing it is one {@code stat} of the directory.
 * Where the store gives no stamp (S3, a directory changed in the last seconds) every lookup
 * lists, as before: an instance by its own versions prefix, a series whole. Thread-safe.
 */
final class SeriesListings {

    /** The most instances kept over all series: about 0.5 KB each. */
    static final int MAX_ENTRIES = 50_000;

    private record Kept(String stamp, List<InstanceListing.Entry> entries, Map<String, InstanceListing.Entry> bySop) {
    }

    private final BlobStore blobs;
    private final Map<String, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
    private int keptEntries;

    SeriesListings(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The instances of a series, ordered by SOP Instance UID. */
    List<InstanceListing.Entry> series(String study, String series) {
        String prefix = InstanceKeys.seriesPrefix(study, series);
        Optional<String> stamp = blobs.listingStamp(prefix + "instances/");
        if (stamp.isEmpty()) {
            return InstanceListing.of(blobs, prefix);
        }
        return keptOrListed(prefix, stamp.get()).entries();
    }

    /** One instance, in its current version; empty when it is not stored. */
    Optional<InstanceListing.Entry> instance(InstanceRef ref) {
        String prefix = InstanceKeys.seriesPrefix(ref.studyInstanceUid(), ref.seriesInstanceUid());
        Optional<String> stamp = blobs.listingStamp(prefix + "instances/");
        if (stamp.isPresent()) {
            return Optional.ofNullable(keptOrListed(prefix, stamp.get()).bySop().get(ref.sopInstanceUid()));
        }
        // Its versions and records only; the prefix also covers <sop>.<more digits>.
        for (InstanceListing.Entry e : InstanceListing.of(blobs, InstanceVersions.versionsPrefix(ref))) {
            if (e.ref().sopInstanceUid().equals(ref.sopInstanceUid())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private Kept keptOrListed(String prefix, String stamp) {
        synchronized (kept) {
            Kept k = kept.get(prefix);
            if (k != null && k.stamp().equals(stamp)) {
                return k;
            }
        }
        // Listed after the stamp was taken: a change during the listing changes the next stamp.
        List<InstanceListing.Entry> entries = InstanceListing.of(blobs, prefix);
        Map<String, InstanceListing.Entry> bySop = new HashMap<>(entries.size() * 2);
        entries.forEach(e -> bySop.put(e.ref().sopInstanceUid(), e));
        Kept k = new Kept(stamp, Collections.unmodifiableList(entries), bySop);
        if (entries.size() <= MAX_ENTRIES / 4) {
            synchronized (kept) {
                Kept old = kept.put(prefix, k);
                keptEntries += entries.size() - (old == null ? 0 : old.entries().size());
                var it = kept.values().iterator();
                while (keptEntries > MAX_ENTRIES && it.hasNext()) {
                    keptEntries -= it.next().entries().size();
                    it.remove();
                }
            }
        }
        return k;
    }
}
