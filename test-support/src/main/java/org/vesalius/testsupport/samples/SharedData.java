package org.vesalius.testsupport.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.vesalius.testsupport.Prerequisites;

/**
 * The shared reference data ({@code ../shared}: DICOM samples, the standard's tables, FHIR
 * examples), found through the {@code vna.shared} system property that the build passes to every
 * test. What a test does when it is absent is {@link Prerequisites}' decision: a skip, or a
 * failure under CI.
 */
public final class SharedData {

    private static final String HINT = "the shared reference data; set -Dvna.shared (the build sets it to ../shared)";

    private SharedData() {
    }

    /** The shared folder, or null when it is not there. */
    public static Path dir() {
        String configured = System.getProperty("vna.shared");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("../../shared");
        return Files.isDirectory(dir) ? dir.toAbsolutePath().normalize() : null;
    }

    /** {@code relative} under the shared folder, or null when the folder or that file or folder is absent. */
    public static Path find(String relative) {
        Path dir = dir();
        Path p = dir == null ? null : dir.resolve(relative);
        return p != null && Files.exists(p) ? p : null;
    }

    /** The shared folder; the calling test is skipped (failed under CI) when it is absent. */
    public static Path requireDir() {
        Path dir = dir();
        Prerequisites.require("../shared", dir != null, HINT);
        return dir;
    }

    /**
     * {@code relative} (a file or folder) under the shared folder. Without the shared folder the
     * calling test is skipped (failed under CI, like any missing prerequisite); with it, a file it
     * does not hold skips the test under CI too: the reference data grows and changes, and a
     * test written against one sample must not fail a build whose data set lacks it.
     */
    public static Path require(String relative) {
        requireDir();
        Path p = find(relative);
        Assumptions.assumeTrue(p != null, () -> "../shared/" + relative + " is not in this copy of the shared data");
        return p;
    }
}
