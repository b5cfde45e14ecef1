package org.vesalius.vna.archive.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;

class DirectoryWalkTest {

    private static final String SERIES = "studies/1.2/series/1.2.3/instances/";

    @TempDir
    Path root;

    @Test
    void keysComeInRunsByDirectoryWithTheVersionsOfEachInstance() {
        try (FileSystemBlobStore store = new FileSystemBlobStore(root)) {
            for (String key : List.of(SERIES + "1.2.3.1.dcm", SERIES + "1.2.3.1.v20250301100000000-00aa11.dcm",
                    SERIES + "1.2.3.1.coercions.json", SERIES + "1.2.3.2.dcm", "studies/1.2/series/1.2.4/instances/1.2.4.1.dcm",
                    "index-queue/1740823200000-1.2.3.1.json")) {
                store.put(BlobKey.of(key), new ByteArrayInputStream(new byte[] {1}));
            }
            List<DirectoryWalk.Directory> runs;
            try (Stream<DirectoryWalk.Directory> walk = DirectoryWalk.of(store, "", 100)) {
                runs = walk.toList();
            }
            assertThat(runs).extracting(DirectoryWalk.Directory::path).containsExactlyInAnyOrder(SERIES,
                    "studies/1.2/series/1.2.4/instances/", "index-queue/");
            DirectoryWalk.Directory series = runs.stream().filter(r -> r.path().equals(SERIES)).findFirst().orElseThrow();
            assertThat(series.partial()).isFalse();
            assertThat(InstanceVersionRuns.isInstancesDirectory(series.path())).isTrue();
            assertThat(InstanceVersionRuns.isInstancesDirectory("index-queue/")).isFalse();

            Map<String, List<BlobKey>> versions = InstanceVersionRuns.versions(series);
            assertThat(versions).containsOnlyKeys("1.2.3.1", "1.2.3.2");
            assertThat(InstanceVersionRuns.current(store, series, versions)).extracting(BlobKey::value)
                    .containsExactlyInAnyOrder(SERIES + "1.2.3.1.v20250301100000000-00aa11.dcm", SERIES + "1.2.3.2.dcm");

            try (Stream<DirectoryWalk.Directory> walk = DirectoryWalk.of(store, SERIES, 1)) {
                List<DirectoryWalk.Directory> parts = walk.toList();
                assertThat(parts).hasSize(4).allSatisfy(p -> assertThat(p.partial()).isTrue());
                DirectoryWalk.Directory part = parts.stream()
                        .filter(p -> p.keys().get(0).value().endsWith("1.2.3.1.dcm")).findFirst().orElseThrow();
                assertThat(InstanceVersionRuns.current(store, part, InstanceVersionRuns.versions(part)))
                        .as("a partial run looks the versions up").extracting(BlobKey::value)
                        .containsExactly(SERIES + "1.2.3.1.v20250301100000000-00aa11.dcm");
            }
        }
    }
}
