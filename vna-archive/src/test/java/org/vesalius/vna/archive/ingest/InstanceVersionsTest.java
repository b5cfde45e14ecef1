package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.storage.BlobKey;

class InstanceVersionsTest {

    private final InstanceRef ref = new InstanceRef("1.2.3", "1.2.3.4", "1.2.3.4.5");

    @Test
    void theInstanceOfAVersionKeyComesFromTheKeyAlone() {
        BlobKey first = InstanceVersions.primary(ref);
        BlobKey later = InstanceVersions.newVersion(ref, Instant.parse("2025-03-01T10:00:00Z"));

        assertThat(InstanceVersions.sopInstanceUidOf(first)).contains("1.2.3.4.5");
        assertThat(InstanceVersions.sopInstanceUidOf(later)).contains("1.2.3.4.5");
        assertThat(InstanceVersions.refOf(later)).contains(ref);
        assertThat(InstanceVersions.sopInstanceUidOf(CoercionRecords.keyFor(first))).isEmpty();
        assertThat(InstanceVersions.sopInstanceUidOf(BlobKey.of("studies/1.2.3/series/1.2.3.4/instances/notes.txt"))).isEmpty();
        assertThat(InstanceVersions.sopInstanceUidOf(BlobKey.of("index-queue/0000000000001-1.2.3.4.5.json"))).isEmpty();
        assertThat(InstanceVersions.sopInstanceUidOf(BlobKey.of("studies/1.2.3/series/1.2.3.4/other/1.2.3.4.5.dcm"))).isEmpty();
    }

    @Test
    void theFirstVersionIsTheOldestAndTheLatestStampTheCurrent() {
        BlobKey first = InstanceVersions.primary(ref);
        BlobKey v1 = InstanceVersions.newVersion(ref, Instant.parse("2025-03-01T10:00:00Z"));
        BlobKey v2 = InstanceVersions.newVersion(ref, Instant.parse("2025-03-02T10:00:00Z"));
        List<BlobKey> keys = new ArrayList<>(List.of(v2, first, v1));

        keys.sort(InstanceVersions.OLDEST_FIRST);

        assertThat(keys).containsExactly(first, v1, v2);
    }

    @Test
    void aMarkerKeySaysWhenItWasQueued() {
        assertThat(IndexQueue.queuedAt(BlobKey.of("index-queue/1740823200000-1.2.3.json")))
                .contains(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(IndexQueue.queuedAt(BlobKey.of("index-queue/soon-1.2.3.json"))).isEmpty();
        assertThat(IndexQueue.queuedAt(BlobKey.of("index-refused/1740823200000-1.2.3.json"))).isEmpty();
    }
}
