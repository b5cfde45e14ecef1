package org.vesalius.vna.archive.maintenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.ingest.InstanceVersions;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * The instance versions in one run of a series' {@code instances/} directory: per SOP Instance
 * UID, its version keys oldest first, so the last is the current one, the one the index
 * describes (as ingest indexes it: {@link InstanceVersions}). Keys that are not versions
 * (coercion records) are left out.
 */
final class InstanceVersionRuns {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceVersionRuns.class);

    private InstanceVersionRuns() {
    }

    /** Whether {@code path} is a series' instances directory. */
    static boolean isInstancesDirectory(String path) {
        String[] parts = path.split("/");
        return parts.length == 5 && parts[0].equals("studies") && parts[2].equals("series") && parts[4].equals("instances");
    }

    /** The versions in {@code run} by SOP Instance UID, each list oldest first. */
    static Map<String, List<BlobKey>> versions(DirectoryWalk.Directory run) {
        Map<String, List<BlobKey>> bySop = new LinkedHashMap<>();
        for (BlobKey key : run.keys()) {
            InstanceVersions.sopInstanceUidOf(key).ifPresent(sop -> bySop.computeIfAbsent(sop, s -> new ArrayList<>()).add(key));
        }
        bySop.values().forEach(keys -> keys.sort(InstanceVersions.OLDEST_FIRST));
        return bySop;
    }

    /**
     * The current version of each instance in {@code run}. A run that holds only part of its
     * directory (over the walk's limit) may miss versions, so there each instance's versions are
     * listed again: slower, and only for series of extraordinary size.
     */
    static List<BlobKey> current(BlobStore blobs, DirectoryWalk.Directory run, Map<String, List<BlobKey>> versions) {
        List<BlobKey> current = new ArrayList<>(versions.size());
        if (run.partial()) {
            LOG.info("{} is listed in parts; looking up the versions of its instances one by one", run.path());
        }
        for (List<BlobKey> keys : versions.values()) {
            BlobKey newest = keys.get(keys.size() - 1);
            if (run.partial()) {
                Optional<InstanceRef> ref = InstanceVersions.refOf(newest);
                newest = ref.flatMap(r -> InstanceVersions.current(blobs, r)).orElse(newest);
            }
            current.add(newest);
        }
        return current;
    }
}
