package org.vesalius.vna.archive.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.InstanceKeys;

/**
 * The keys of an instance's versions ({@link DuplicatePolicy#KEEP_AS_NEW_VERSION}). The first
 * object received for a SOP Instance UID lives at {@link InstanceKeys#instance}
 * ({@code .../instances/{sop}.dcm}); each later, different object at
 * {@code .../instances/{sop}.v{yyyyMMddHHmmssSSS}-{6 hex digits}.dcm} (UTC time of receipt, and a
 * random suffix so that two versions received in one millisecond get two keys). The current
 * version, the one the index describes, is the last in that order: the newest. A UID component
 * never starts with {@code v}, so a version key cannot be mistaken for another instance's key.
 */
public final class InstanceVersions {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final Pattern VERSION_SUFFIX = Pattern.compile("\\.v\\d{17}-[0-9a-f]{6}\\.dcm");

    private InstanceVersions() {
    }

    /** The key of the first version. */
    public static BlobKey primary(InstanceRef ref) {
        return InstanceKeys.instance(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid());
    }

    /** A fresh key for a version received at {@code receivedAt}. */
    static BlobKey newVersion(InstanceRef ref, Instant receivedAt) {
        String suffix = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        return BlobKey.of(InstanceKeys.seriesPrefix(ref.studyInstanceUid(), ref.seriesInstanceUid()) + "instances/"
                + ref.sopInstanceUid() + ".v" + STAMP.format(receivedAt) + "-" + suffix + ".dcm");
    }

    /** Whether {@code key} holds a version of the instance {@code sopInstanceUid} (the first one included). */
    public static boolean isVersionOf(BlobKey key, String sopInstanceUid) {
        String name = key.fileName();
        if (!name.startsWith(sopInstanceUid + ".")) {
            return false;
        }
        String rest = name.substring(sopInstanceUid.length());
        return rest.equals(".dcm") || VERSION_SUFFIX.matcher(rest).matches();
    }

    /** Every stored version of the instance, oldest first (the first version first). */
    public static List<BlobKey> all(BlobStore blobs, InstanceRef ref) {
        String prefix = InstanceKeys.seriesPrefix(ref.studyInstanceUid(), ref.seriesInstanceUid()) + "instances/"
                + ref.sopInstanceUid() + ".";
        List<BlobKey> keys = new ArrayList<>();
        try (Stream<BlobKey> listing = blobs.list(prefix)) {
            listing.filter(k -> isVersionOf(k, ref.sopInstanceUid())).forEach(keys::add);
        }
        // "{sop}.dcm" sorts after "{sop}.v…" by character, but it is the oldest.
        keys.sort(Comparator.comparing((BlobKey k) -> !k.fileName().endsWith(ref.sopInstanceUid() + ".dcm"))
                .thenComparing(BlobKey::value));
        return keys;
    }

    /** The current version's key, if the instance is stored. */
    public static Optional<BlobKey> current(BlobStore blobs, InstanceRef ref) {
        List<BlobKey> all = all(blobs, ref);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
