package org.vesalius.dicom.testdata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real-world DICOM files of the shared reference data ({@code ../shared/dicom-samples}),
 * located through the {@code vna.shared} system property. Tests that need them are skipped, not
 * failed, when the folder is absent.
 */
public final class SharedSamples {

    /** One file of the sample MANIFEST. */
    public record Sample(Path path, String name, String transferSyntaxUid, String features, String sopClassUid) {

        /** True when the MANIFEST says the file is broken on purpose. */
        public boolean malformed() {
            return features.contains("MALFORMED");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private SharedSamples() {
    }

    /** The shared folder, or null when it is not there. */
    public static Path sharedDir() {
        String configured = System.getProperty("vna.shared");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../shared");
        return Files.isDirectory(dir) ? dir.toAbsolutePath().normalize() : null;
    }

    /** Skips the calling test when the shared folder is absent. */
    public static Path requireSharedDir() {
        Path dir = sharedDir();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("dicom-samples")),
                "shared reference data not present; set -Dvna.shared");
        return dir;
    }

    /**
     * The samples as test arguments: when the folder is absent, a single null that the test turns
     * into a skip (a parameterized test without arguments would fail instead).
     */
    public static java.util.stream.Stream<Sample> arguments() {
        List<Sample> all = all();
        return all.isEmpty() ? java.util.stream.Stream.of((Sample) null) : all.stream();
    }

    /** Skips the calling test for the null placeholder of {@link #arguments()}. */
    public static Sample require(Sample sample) {
        assumeTrue(sample != null, "shared reference data not present; set -Dvna.shared");
        return sample;
    }

    /** Every DICOM file listed in the samples MANIFEST (empty when the folder is absent). */
    public static List<Sample> all() {
        Path dir = sharedDir();
        if (dir == null || !Files.isRegularFile(dir.resolve("dicom-samples/MANIFEST.tsv"))) {
            return List.of();
        }
        Path root = dir.resolve("dicom-samples");
        try {
            List<String> lines = Files.readAllLines(root.resolve("MANIFEST.tsv"));
            List<Sample> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.split("\t", -1);
                Path file = root.resolve(cols[0]);
                if (Files.isRegularFile(file)) {
                    out.add(new Sample(file, cols[0], cols.length > 3 ? cols[3] : "", cols.length > 12 ? cols[12] : "",
                            cols.length > 5 ? cols[5] : ""));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
