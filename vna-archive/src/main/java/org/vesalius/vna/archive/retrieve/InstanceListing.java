package org.vesalius.vna.archive.retrieve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * The instances under a study or series prefix of the blob store, from one listing: for each SOP
 * Instance UID its current version (the newest, as {@link org.vesalius.vna.archive.ingest.InstanceVersions}
 * orders them), whether a coercion record lies beside it, and whether a cached metadata document
 * does. One listing answers for a whole series, instead of three lookups per instance.
 */
final class InstanceListing {

    /** What the listing says about one instance. */
    record Entry(InstanceRef ref, BlobKey current, boolean coerced, BlobKey metadata) {
    }

    private static final Pattern KEY = Pattern.compile(
            "studies/([0-9.]+)/series/([0-9.]+)/instances/([0-9.]+?)(\\.v\\d{17}-[0-9a-f]{6})?(\\.dcm|\\.coercions\\.json|\\.metadata\\.json)");

    private InstanceListing() {
    }

    /** The instances under {@code prefix}, ordered by series then SOP Instance UID. */
    static List<Entry> of(BlobStore blobs, String prefix) {
        Map<String, Builder> byInstance = new TreeMap<>();
        try (Stream<BlobKey> listing = blobs.list(prefix)) {
            listing.forEach(key -> {
                Matcher m = KEY.matcher(key.value());
                if (!m.matches()) {
                    return;
                }
                String version = m.group(4) == null ? "" : m.group(4);
                Builder b = byInstance.computeIfAbsent(m.group(2) + "/" + m.group(3),
                        k -> new Builder(new InstanceRef(m.group(1), m.group(2), m.group(3))));
                switch (m.group(5)) {
                    case ".dcm" -> b.versions.add(new String[] {version, key.value()});
                    case ".coercions.json" -> b.coerced.add(version);
                    default -> b.metadata = version.isEmpty() ? key : b.metadata;
                }
            });
        }
        List<Entry> out = new ArrayList<>(byInstance.size());
        for (Builder b : byInstance.values()) {
            if (b.versions.isEmpty()) {
                continue;
            }
            // The first version has no suffix and is the oldest; the others sort by their time stamp.
            b.versions.sort(Comparator.comparing((String[] v) -> !v[0].isEmpty()).thenComparing(v -> v[0]));
            String[] current = b.versions.get(b.versions.size() - 1);
            out.add(new Entry(b.ref, BlobKey.of(current[1]), b.coerced.contains(current[0]), b.metadata));
        }
        return out;
    }

    private static final class Builder {
        final InstanceRef ref;
        final List<String[]> versions = new ArrayList<>(1);
        final List<String> coerced = new ArrayList<>(1);
        BlobKey metadata;

        Builder(InstanceRef ref) {
            this.ref = ref;
        }
    }
}
