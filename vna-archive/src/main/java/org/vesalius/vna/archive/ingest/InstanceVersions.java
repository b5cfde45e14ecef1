package org.vesalius.vna.archive.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
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

    /** Versions of one instance, oldest first: "{sop}.dcm" sorts after "{sop}.v…" by character, but it is the oldest. */
    public static final Comparator<BlobKey> OLDEST_FIRST = Comparator
            .comparing((BlobKey k) -> VERSION_SUFFIX.matcher(k.fileName()).find())
            .thenComparing(BlobKey::value);

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

    /**
     * The listing prefix that holds every version of the instance and the records beside them
     * ({@code …/instances/{sop}.}); every UID must be valid. It also matches instances whose UID continues with
     * {@code .digits}: filter by SOP Instance UID.
     */
    public static String versionsPrefix(InstanceRef ref) {
        String first = primary(ref).value(); // …/instances/{sop}.dcm, every UID checked on the way
        return first.substring(0, first.length() - "dcm".length());
    }

    /** Every stored version of the instance, oldest first (the first version first). */
    public static List<BlobKey> all(BlobStore blobs, InstanceRef ref) {
        List<BlobKey> keys = new ArrayList<>();
        try (Stream<BlobKey> listing = blobs.list(versionsPrefix(ref))) {
            listing.filter(k -> isVersionOf(k, ref.sopInstanceUid())).forEach(keys::add);
        }
        keys.sort(OLDEST_FIRST);
        return keys;
    }

    /**
     * The SOP Instance UID of the instance whose version {@code key} holds: {@code {sop}} for a
     * key {@code studies/…/instances/{sop}.dcm} or {@code …/instances/{sop}.v{stamp}-{hex}.dcm};
     * empty for any other key (coercion records, foreign files).
     */
    public static Optional<String> sopInstanceUidOf(BlobKey key) {
        String[] parts = key.value().split("/");
        if (parts.length != 6 || !parts[0].equals("studies") || !parts[2].equals("series") || !parts[4].equals("instances")) {
            return Optional.empty();
        }
        String name = parts[5];
        Matcher version = VERSION_SUFFIX.matcher(name);
        String sop = version.find() && version.end() == name.length() ? name.substring(0, version.start())
                : name.endsWith(".dcm") ? name.substring(0, name.length() - 4) : null;
        return sop != null && InstanceKeys.isValidUid(sop) ? Optional.of(sop) : Optional.empty();
    }

    /** The instance a version key belongs to, from the key alone (see {@link #sopInstanceUidOf}). */
    public static Optional<InstanceRef> refOf(BlobKey key) {
        String[] parts = key.value().split("/");
        return sopInstanceUidOf(key).map(sop -> new InstanceRef(parts[1], parts[3], sop));
    }

    /** The current version's key, if the instance is stored. */
    public static Optional<BlobKey> current(BlobStore blobs, InstanceRef ref) {
        List<BlobKey> all = all(blobs, ref);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
