package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files of {@code ../shared/dicom-samples} (through the {@code vna.shared} system property). */
public final class Samples {

    private Samples() {
    }

    /** Every sample file, or one null (so that a parameterized test can skip) when the data is absent. */
    public static Stream<Path> all() {
        List<Path> files = files();
        return files.isEmpty() ? Stream.of((Path) null) : files.stream();
    }

    /** Every sample file; empty when the data is absent. */
    public static List<Path> files() {
        String shared = System.getProperty("vna.shared");
        Path manifest = shared == null ? null : Path.of(shared, "dicom-samples", "MANIFEST.tsv");
        if (manifest == null || !Files.isRegularFile(manifest)) {
            return List.of();
        }
        try {
            List<Path> files = new ArrayList<>();
            List<String> lines = Files.readAllLines(manifest);
            for (String line : lines.subList(1, lines.size())) {
                Path file = manifest.getParent().resolve(line.split("\t", 2)[0]);
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One sample by its path under dicom-samples, or null when the data is absent. */
    public static Path get(String relative) {
        String shared = System.getProperty("vna.shared");
        Path p = shared == null ? null : Path.of(shared, "dicom-samples", relative);
        return p != null && Files.isRegularFile(p) ? p : null;
    }
}
